using System.Globalization;

namespace DvcGrains.Persistence.Durability;

/// <summary>
/// The transaction holding back the change feed's frontier (<c>pg_snapshot_xmin</c>): the oldest one that has an id,
/// anywhere in the PostgreSQL cluster, and for how long it has. <see cref="Kind"/> is <c>session</c> (a backend:
/// <see cref="Pid"/>, <see cref="ApplicationName"/>), <c>prepared</c> (a prepared transaction, <see cref="Gid"/>),
/// <c>unknown</c> (one this role may not see: how long the frontier has stood still instead) or <c>none</c>.
/// </summary>
public sealed record FrontierHolder(string Kind, string Pid, string ApplicationName, string Gid, string Database, double HeldSeconds)
{
    public static FrontierHolder None { get; } = new("none", "", "", "", "", 0);

    public static FrontierHolder Unseen(double heldSeconds) => new("unknown", "", "", "", "", heldSeconds);

    public static FrontierHolder Session(int pid, string applicationName, string database, double heldSeconds) =>
        new("session", pid.ToString(CultureInfo.InvariantCulture), applicationName, "", database, heldSeconds);

    public static FrontierHolder Prepared(string gid, string database, double heldSeconds) => new("prepared", "", "", gid, database, heldSeconds);
}
