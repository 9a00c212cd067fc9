using DvcGrains.Abstractions.Incarnations;

namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>
/// Where a change stands in the feed's order: the database's incarnation, its commit within it, then its dossier
/// (ordinal) and version within the commit. A commit number orders commits as storage makes them final
/// (<see cref="IDossierChangeLog"/>) within one incarnation, and every change of an incarnation comes after those of the
/// incarnations before it; one dossier's commands commit one after the other, so its versions come in order.
/// </summary>
/// <remarks>
/// The order compares incarnations by number: a database holds one line of incarnations, and a position of another
/// line (a nonce it does not know) is refused before it is compared (<see cref="FeedResetException"/>).
/// </remarks>
public readonly record struct ChangePosition(DatabaseIncarnation Incarnation, ulong Commit, string DossierId, long Version) : IComparable<ChangePosition>
{
    /// <summary>Before every change ever committed.</summary>
    public static ChangePosition Start { get; } = Before(DatabaseIncarnation.None, 0);

    /// <summary>Before every change of <paramref name="commit"/> in <paramref name="incarnation"/> and after every earlier commit's.</summary>
    public static ChangePosition Before(DatabaseIncarnation incarnation, ulong commit) => new(incarnation, commit, "", 0);

    public int CompareTo(ChangePosition other)
    {
        var byIncarnation = Incarnation.Number.CompareTo(other.Incarnation.Number);
        if (byIncarnation != 0)
        {
            return byIncarnation;
        }
        var byCommit = Commit.CompareTo(other.Commit);
        if (byCommit != 0)
        {
            return byCommit;
        }
        var byDossier = string.CompareOrdinal(DossierId, other.DossierId);
        return byDossier != 0 ? byDossier : Version.CompareTo(other.Version);
    }

    public static bool operator <(ChangePosition left, ChangePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(ChangePosition left, ChangePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(ChangePosition left, ChangePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ChangePosition left, ChangePosition right) => left.CompareTo(right) >= 0;
}
