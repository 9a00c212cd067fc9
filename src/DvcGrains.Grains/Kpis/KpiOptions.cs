using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Grains.Kpis;

/// <summary>The <c>Dvc:Kpis</c> configuration section.</summary>
public sealed class KpiOptions
{
    public const string Section = "Dvc:Kpis";

    /// <summary>How often a unit sends its summed changes to its parent.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a silo looks for dossiers whose last facts never reached the ledger (durable storage only).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a dossier's state must have been written before the sweep deems its delivery lost.</summary>
    public TimeSpan SweepMinimumAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Points, targets and grade bands of the 766 index.</summary>
    public Index766Options Index766 { get; set; } = new();
}
