namespace DvcGrains.Persistence.Durability;

/// <summary>One reading of the <see cref="DatabaseMonitor"/>, which the storage's gauges export.</summary>
/// <param name="SynchronousCommit">The sessions' <c>synchronous_commit</c>; empty before the first reading.</param>
/// <param name="SynchronousStandbys">Synchronous standbys streaming from the primary.</param>
/// <param name="StandbyRequired"><c>Dvc:Storage:RequireSynchronousStandby</c>.</param>
public sealed record DatabaseReading(string SynchronousCommit, int SynchronousStandbys, bool StandbyRequired, FrontierHolder Frontier)
{
    public static DatabaseReading NotYet { get; } = new("", 0, false, FrontierHolder.None);
}
