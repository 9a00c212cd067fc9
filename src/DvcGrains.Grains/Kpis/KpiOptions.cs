using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Grains.Kpis;

/// <summary>The <c>Dvc:Kpis</c> configuration section.</summary>
public sealed class KpiOptions
{
    public const string Section = "Dvc:Kpis";

    /// <summary>How often a unit sends its summed changes to its parent.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a ranking is served to readers before the units are read again.</summary>
    public TimeSpan RankingFreshness { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points, targets and grade bands of the 766 index.</summary>
    public Index766Options Index766 { get; set; } = new();
}
