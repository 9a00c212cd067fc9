namespace DvcGrains.Persistence.Connections;

/// <summary>
/// The <c>Dvc:Storage:Pools</c> configuration section: the most connections each of a silo's pools opens
/// (<see cref="DatabasePools"/>), and how long a list may read. The defaults add up to 100, what a silo held when one
/// pool served everything; a cluster of N silos holds N times the sum, within PostgreSQL's <c>max_connections</c>.
/// </summary>
public sealed class DatabasePoolOptions
{
    public const string Section = "Dvc:Storage:Pools";

    /// <summary>
    /// What keeps the silo in its cluster and every outcome known: Orleans' membership, settling a commit of unknown
    /// outcome, the durability barrier, the start's checks, the database's monitor, the clock watch and the incarnation.
    /// </summary>
    public int Cluster { get; set; } = 10;

    /// <summary>
    /// The dossier commands: the commit lanes (each holds one, and one more while a commit it gave up finishes), the
    /// reads a dossier grain makes of its own rows, and the other grains' state (code sequences, the catalog,
    /// indicators).
    /// </summary>
    public int Commits { get; set; } = 30;

    /// <summary>Lists, the citizen's look-up code, page token keys, the change feed and the units' recounts.</summary>
    public int Reads { get; set; } = 60;

    /// <summary>
    /// The <c>statement_timeout</c> of a list's statement: past it PostgreSQL cancels it and the caller is told to
    /// narrow the list, so that one heavy list holds a read connection no longer.
    /// </summary>
    public TimeSpan ListStatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The connections one silo may hold: what <c>max_connections</c> must leave room for, per silo.</summary>
    public int Total => Cluster + Commits + Reads;
}
