using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// What a campaign manager reads first in a replay's report: the province, its dates, its rank and its online and
/// on-time rates (last 30 days) from the first replayed day to the last, its late dossiers and apology slips; then its
/// online rate by level, and the hierarchy the server used.
/// </summary>
public static class CampaignHeadline
{
    public static IReadOnlyList<string> Lines(ProvinceTrajectory trajectory, HierarchySize? hierarchy, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(words);
        if (trajectory.Days.Count == 0)
        {
            return [];
        }
        var (first, last) = (trajectory.Days[0], trajectory.Days[^1]);
        var figures = words.Figures;
        var lines = new List<string>
        {
            words.Headline(new HeadlineFigures(
                Name(trajectory),
                figures.Count(trajectory.Days.Count),
                words.FormatDate(first.Date),
                words.FormatDate(last.Date),
                first.Rank,
                last.Rank,
                last.Provinces,
                figures.PercentSign(first.Rolling30Days.OnlineRate),
                figures.PercentSign(last.Rolling30Days.OnlineRate),
                figures.PercentSign(first.Rolling30Days.OnTimeRate),
                figures.PercentSign(last.Rolling30Days.OnTimeRate),
                figures.Count(trajectory.FinishedLate),
                figures.Count(trajectory.Apologies),
                figures.Count(last.Day.Overdue))),
        };
        if (trajectory.FinalByLevel.Count > 0)
        {
            lines.Add(words.ByLevelHeadline(trajectory.FinalByLevel.Select(level => (words.LevelName(level.Level), figures.PercentSign(level.OnlineRate)))));
        }
        if (hierarchy is not null)
        {
            lines.Add(words.ServerHierarchy(words.Hierarchy(hierarchy)));
        }
        return lines;
    }

    /// <summary>The province as the report names it: its name and its code.</summary>
    public static string Name(ProvinceTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return string.IsNullOrEmpty(trajectory.ProvinceName) ? trajectory.Province : $"{trajectory.ProvinceName} ({trajectory.Province})";
    }
}
