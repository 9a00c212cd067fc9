using DvcGrains.Domain.Dossiers;
using DvcGrains.Persistence.Dossiers;

namespace DvcGrains.Persistence.Tests.Dossiers;

public sealed class ComponentsTextTests
{
    [Fact]
    public void Components_read_back_as_written_whatever_their_names_hold()
    {
        DossierComponent[] components =
        [
            new("Tờ khai đăng ký khai sinh", Digitized: true, ReusedData: false, FromCitizenStore: false),
            new("12:34 bản sao", Digitized: false, ReusedData: true, FromCitizenStore: true),
            new("Giấy tờ\n\"khác\"; 5:x", Digitized: true, ReusedData: true, FromCitizenStore: true),
            new("0", Digitized: false, ReusedData: false, FromCitizenStore: false),
        ];

        var text = ComponentsText.Encode(components)!;

        Assert.Equal("125:Tờ khai đăng ký khai sinh", text[..29]);
        Assert.Equal(components, ComponentsText.Decode(text));
        Assert.Null(ComponentsText.Encode([]));
    }

    [Theory]
    [InlineData("8x:abc")]
    [InlineData("13:ab")]
    [InlineData("1ab")]
    public void A_column_that_is_not_flags_length_and_name_is_refused(string text) =>
        Assert.Throws<InvalidDataException>(() => ComponentsText.Decode(text));
}
