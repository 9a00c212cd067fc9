namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>
/// Where a change stands in the feed's order: its commit, then its dossier (ordinal) and version within the commit. A
/// commit number orders commits as storage makes them final (<see cref="IDossierChangeLog"/>); one dossier's commands
/// commit one after the other, so its versions come in order.
/// </summary>
public readonly record struct ChangePosition(ulong Commit, string DossierId, long Version) : IComparable<ChangePosition>
{
    /// <summary>Before every change ever committed.</summary>
    public static ChangePosition Start { get; } = Before(0);

    /// <summary>Before every change of <paramref name="commit"/> and after every earlier commit's.</summary>
    public static ChangePosition Before(ulong commit) => new(commit, "", 0);

    public int CompareTo(ChangePosition other)
    {
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
