using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// The charts of a replay's trajectory: the province's rates, its total score and its rank, per business day, the days
/// named by their dates.
/// </summary>
public static class TrajectoryCharts
{
    public static IReadOnlyList<string> All(ProvinceTrajectory trajectory, ReportLanguage words) =>
        [Rates(trajectory, words), Score(trajectory, words), Rank(trajectory, words)];

    /// <summary>Online and on-time rates (last 30 days and the day itself), in percent.</summary>
    public static string Rates(ProvinceTrajectory trajectory, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(words);
        return Chart(trajectory, words, words.RatesChart(CampaignHeadline.Name(trajectory)), words.Percent,
        [
            Series(words.Online30Days, "#1f77b4", trajectory, d => d.Rolling30Days.OnlineRate * 100),
            Series(words.OnTime30Days, "#2ca02c", trajectory, d => d.Rolling30Days.OnTimeRate * 100),
            Series(words.OnlineDay, "#aec7e8", trajectory, d => d.Day.OnlineRate * 100),
            Series(words.OnTimeDay, "#98df8a", trajectory, d => d.Day.OnTimeRate * 100),
        ]);
    }

    public static string Score(ProvinceTrajectory trajectory, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(words);
        return Chart(trajectory, words, words.ScoreChart(CampaignHeadline.Name(trajectory)), words.PointsOf100,
        [
            Series(words.ThirtyDays, "#d62728", trajectory, d => d.Rolling30Days.TotalScore),
            Series(words.Day, "#ff9896", trajectory, d => d.Day.TotalScore),
        ]);
    }

    public static string Rank(ProvinceTrajectory trajectory, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(words);
        var provinces = trajectory.Days.Count == 0 ? 0 : trajectory.Days[^1].Provinces;
        return Chart(trajectory, words, words.RankChart(CampaignHeadline.Name(trajectory), provinces), words.Rank,
        [
            Series(words.Rank, "#9467bd", trajectory, d => d.Rank),
        ]);
    }

    /// <summary>A chart over the replayed days: point i is the i-th day, and the axis names the days by their dates.</summary>
    private static string Chart(ProvinceTrajectory trajectory, ReportLanguage words, string title, string yLabel, IReadOnlyList<ChartSeries> series) =>
        SvgChart.Line(title, words.Date, yLabel, series, x => DayAt(trajectory, x) is { } day ? day.ToString(words.ShortDateFormat, System.Globalization.CultureInfo.InvariantCulture) : "");

    private static DateOnly? DayAt(ProvinceTrajectory trajectory, double x)
    {
        var index = (int)Math.Round(x);
        return index >= 0 && index < trajectory.Days.Count && Math.Abs(x - index) < 1e-9 ? trajectory.Days[index].Date : null;
    }

    private static ChartSeries Series(string name, string color, ProvinceTrajectory trajectory, Func<BusinessDay, double> value) =>
        new(name, color, [.. trajectory.Days.Select((d, i) => ((double)i, value(d)))]);
}
