using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Tests.Text;

public class QuotedInputTests
{
    [Theory]
    [InlineData("01", "\"01\"")]
    [InlineData("Hồ sơ", "\"Hồ sơ\"")]
    [InlineData("a\nINFO forged line", "\"a\\nINFO forged line\"")]
    [InlineData("q\"\\\r\t", "\"q\\\"\\\\\\r\\t\"")]
    [InlineData("\0\u001B\u202E", "\"\\u0000\\u001B\\u202E\"")]
    [InlineData(null, "(none)")]
    public void Input_is_quoted_with_every_control_character_escaped(string? input, string quoted) =>
        Assert.Equal(quoted, QuotedInput.Of(input));

    [Fact]
    public void A_long_input_is_cut_and_its_length_named()
    {
        var quoted = QuotedInput.Of(new string('7', 100_000));

        Assert.Equal($"\"{new string('7', QuotedInput.DefaultLength)}…\" (100,000 characters)", quoted);
    }
}
