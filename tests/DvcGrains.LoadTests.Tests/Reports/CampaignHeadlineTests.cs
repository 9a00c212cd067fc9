using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Tests.Reports;

/// <summary>The first lines of a replay's report, which a campaign manager reads: in Vietnamese with --lang vi.</summary>
public sealed class CampaignHeadlineTests
{
    /// <summary>Cà Mau's first and last replayed days, and its last 30 days by level at the end.</summary>
    private static ProvinceTrajectory CaMau() => new(
        "96",
        "Tỉnh Cà Mau",
        [
            new BusinessDay(new DateOnly(2023, 3, 1), "96", new PeriodFigures(120, 0.45, 0.8, 48, Overdue: 12, FinishedLate: 3), new PeriodFigures(3400, 0.404, 0.805, 48.9, 30, 90), Rank: 30, Provinces: 34),
            new BusinessDay(new DateOnly(2023, 6, 8), "96", new PeriodFigures(180, 0.91, 0.85, 57.7, Overdue: 30, FinishedLate: 5), new PeriodFigures(5200, 0.856, 0.874, 57.5, 30, 120), Rank: 6, Provinces: 34),
        ],
        [],
        [
            new LevelFigures(UnitLevel.Province, 780, 0.9279, 0.97, 0.9228, 0.8662),
            new LevelFigures(UnitLevel.Commune, 4420, 0.8666, 0.86, 0.7346, 0.9014),
        ],
        Apologies: 1234);

    [Fact]
    public void The_vietnamese_headline_names_the_province_and_its_dates_its_rank_its_rates_its_late_dossiers_and_the_hierarchy()
    {
        var lines = CampaignHeadline.Lines(CaMau(), new HierarchySize(34, 0, 3321), ReportLanguage.Vietnamese);

        Assert.Equal(
        [
            "Tỉnh Cà Mau (96), 2 ngày làm việc từ 01/03/2023 đến 08/06/2023: từ hạng 30/34 đến hạng 6/34; " +
            "tỷ lệ hồ sơ trực tuyến từ 40,4 % đến 85,6 %, đúng hạn từ 80,5 % đến 87,4 % (30 ngày gần nhất); " +
            "8 hồ sơ giải quyết trễ hạn và 1.234 phiếu xin lỗi đã gửi, 30 hồ sơ còn quá hạn khi kết thúc.",
            "Theo cấp, 30 ngày gần nhất: cấp tỉnh 92,8 % trực tuyến, cấp xã 86,7 % trực tuyến.",
            "Máy chủ dùng danh mục đơn vị hành chính 2025 (hai cấp: 34 tỉnh, 3.321 xã).",
        ], lines);
    }

    [Fact]
    public void The_english_headline_says_the_same_and_the_three_level_hierarchy_by_its_districts()
    {
        var lines = CampaignHeadline.Lines(CaMau(), new HierarchySize(63, 705, 10598), ReportLanguage.English);

        Assert.Equal(
            "Tỉnh Cà Mau (96), 2 working days from 2023-03-01 to 2023-06-08: rank 30 → 6 of 34 provinces; online 40.4 % → 85.6 %, " +
            "on time 80.5 % → 87.4 % (last 30 days); 8 dossiers finished late and 1,234 apology slips issued, 30 overdue at the end.", lines[0]);
        Assert.Equal("By level, the last 30 days: 92.8 % online at province level, 86.7 % online at commune level.", lines[1]);
        Assert.Equal("The server's hierarchy of units: 2023 (three levels: 63 provinces, 705 districts, 10,598 communes).", lines[2]);
    }
}
