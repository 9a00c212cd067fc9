using System.Globalization;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Persistence.Kpis;

/// <summary>
/// A PostgreSQL snapshot (<c>pg_current_snapshot()</c>, "xmin:xmax:xip,…") taken in an incarnation of the database: a
/// transaction of that incarnation whose id is below xmin had ended before it, one at or above xmax had not begun, and
/// of those between, the ones listed were still running. Stamps are ids of transactions that committed, so a stamp the
/// snapshot does not call running is in it. A stamp of an earlier incarnation is in it or was lost with a branch; one
/// of a later incarnation, or of another branch, it cannot place.
/// </summary>
public sealed class PostgresSnapshot(DatabaseIncarnation incarnation, ulong xmin, ulong xmax, IReadOnlySet<ulong> running) : ICommitSnapshot
{
    public DatabaseIncarnation Incarnation => incarnation;

    /// <summary>Every transaction of <see cref="Incarnation"/> below it had ended when the snapshot was taken.</summary>
    public ulong Xmin => xmin;

    public CommitHeld Holds(CommitStamp stamp) =>
        stamp.Incarnation == incarnation
            ? stamp.Value < xmin || (stamp.Value < xmax && !running.Contains(stamp.Value)) ? CommitHeld.Yes : CommitHeld.No
            : stamp.Incarnation.Number < incarnation.Number ? CommitHeld.Yes : CommitHeld.CannotTell;

    public static PostgresSnapshot Parse(DatabaseIncarnation incarnation, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a PostgreSQL snapshot (xmin:xmax:xip,...).");
        }
        var running = parts[2].Length == 0
            ? new HashSet<ulong>()
            : parts[2].Split(',').Select(id => ulong.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
        return new PostgresSnapshot(incarnation, ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture), running);
    }
}
