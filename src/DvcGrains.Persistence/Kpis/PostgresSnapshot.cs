using System.Globalization;
using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Persistence.Kpis;

/// <summary>
/// A PostgreSQL snapshot (<c>pg_current_snapshot()</c>, "xmin:xmax:xip,…"): a transaction whose id is below xmin had
/// ended before it, one at or above xmax had not begun, and of those between, the ones listed were still running.
/// Stamps are ids of transactions that committed, so a stamp the snapshot does not call running is in it.
/// </summary>
public sealed class PostgresSnapshot(ulong xmin, ulong xmax, IReadOnlySet<ulong> running) : ICommitSnapshot
{
    /// <summary>Every transaction below it had ended when the snapshot was taken.</summary>
    public ulong Xmin => xmin;

    public bool Holds(CommitStamp stamp) =>
        stamp.Value < xmin || (stamp.Value < xmax && !running.Contains(stamp.Value));

    public static PostgresSnapshot Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a PostgreSQL snapshot (xmin:xmax:xip,...).");
        }
        var running = parts[2].Length == 0
            ? new HashSet<ulong>()
            : parts[2].Split(',').Select(id => ulong.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
        return new PostgresSnapshot(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture), running);
    }
}
