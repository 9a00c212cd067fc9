using System.Globalization;
using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Reports;

/// <summary>The charts of a replay's trajectory: the province's rates, its total score and its rank, per business day.</summary>
public static class TrajectoryCharts
{
    public static IReadOnlyList<string> All(ProvinceTrajectory trajectory) => [Rates(trajectory), Score(trajectory), Rank(trajectory)];

    /// <summary>Online and on-time rates (last 30 days and the day itself), in percent.</summary>
    public static string Rates(ProvinceTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return SvgChart.Line($"Province {trajectory.Province}: online and on-time rates per business day", "business day", "%",
        [
            Series("online, 30 days", "#1f77b4", trajectory, d => d.Rolling30Days.OnlineRate * 100),
            Series("on time, 30 days", "#2ca02c", trajectory, d => d.Rolling30Days.OnTimeRate * 100),
            Series("online, day", "#aec7e8", trajectory, d => d.Day.OnlineRate * 100),
            Series("on time, day", "#98df8a", trajectory, d => d.Day.OnTimeRate * 100),
        ]);
    }

    public static string Score(ProvinceTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return SvgChart.Line($"Province {trajectory.Province}: total score (766 index) per business day", "business day", "points of 100",
        [
            Series("30 days", "#d62728", trajectory, d => d.Rolling30Days.TotalScore),
            Series("day", "#ff9896", trajectory, d => d.Day.TotalScore),
        ]);
    }

    public static string Rank(ProvinceTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var provinces = trajectory.Days.Count == 0 ? 0 : trajectory.Days[^1].Provinces;
        return SvgChart.Line(string.Create(CultureInfo.InvariantCulture, $"Province {trajectory.Province}: rank among {provinces} provinces (last 30 days; 1 is best)"), "business day", "rank",
        [
            Series("rank", "#9467bd", trajectory, d => d.Rank),
        ]);
    }

    private static ChartSeries Series(string name, string color, ProvinceTrajectory trajectory, Func<BusinessDay, double> value) =>
        new(name, color, [.. trajectory.Days.Select((d, i) => ((double)(i + 1), value(d)))]);
}
