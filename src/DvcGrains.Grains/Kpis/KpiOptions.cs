using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Grains.Kpis;

/// <summary>The <c>Dvc:Kpis</c> configuration section.</summary>
public sealed class KpiOptions
{
    public const string Section = "Dvc:Kpis";

    /// <summary>How often a unit sends its summed changes to its parent.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Points, targets and grade bands of the 766 index.</summary>
    public Index766Options Index766 { get; set; } = new();
}
