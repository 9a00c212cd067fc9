using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Procedures;

/// <summary>The catalog file the server ships by default.</summary>
public class DefaultCatalogTests
{
    private static ProcedureCatalog Catalog => ShippedData.Catalog;

    [Fact]
    public void It_loads_with_38_procedures()
    {
        Assert.Equal(38, Catalog.Count);
    }

    [Theory]
    [InlineData("1.001193", "Đăng ký khai sinh", 1, 0, true, 0L, true)]
    [InlineData("1.000894", "Đăng ký kết hôn", 5, 0, false, 0L, true)]
    [InlineData("1.004222", "Đăng ký thường trú", 7, 0, true, 20000L, false)]
    [InlineData("1.004194", "Đăng ký tạm trú", 3, 0, true, 15000L, false)]
    [InlineData("2.000635", "Cấp bản sao Trích lục hộ tịch", 1, 0, true, 8000L, true)]
    [InlineData("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", 0, 8, false, 10000L, true)]
    [InlineData("TP-LLTP-01", "Cấp Phiếu lý lịch tư pháp số 1 cho công dân Việt Nam", 10, 0, true, 200000L, true)]
    public void Spot_checks_match_the_law(string code, string name, int days, int hours, bool online, long fee, bool paper)
    {
        Assert.Equal(new Procedure(code, name, days, hours, online, fee, paper), Catalog.Find(code));
    }

    [Fact]
    public void Copy_certification_is_counted_in_hours()
    {
        Assert.Equal(new ProcessingTime(0, 4), Catalog.Find("2.000815")!.ProcessingTime);
    }

    [Fact]
    public void It_covers_each_area_the_portal_needs()
    {
        string[] prefixes = ["1.", "2.", "CA-", "DD-", "GD-", "KH-", "LD-", "TP-", "XD-", "XH-"];

        Assert.All(prefixes, prefix => Assert.Contains(Catalog.All, p => p.Code.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
