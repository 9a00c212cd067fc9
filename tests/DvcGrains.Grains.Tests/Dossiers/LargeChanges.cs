using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Grains.Tests.Dossiers;

/// <summary>Submissions as the feed carries them, each with as many components of 1,000 characters as a test asks.</summary>
internal static class LargeChanges
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DatabaseIncarnation Incarnation = new(1, 1);

    public static readonly UnitPath Path = new("00004", null, "79");

    /// <summary>The submission of dossier number <paramref name="commit"/>, committed in that commit.</summary>
    public static CommittedChange Submitted(ulong commit, int components)
    {
        var submitted = Submission($"D-{commit:D6}", components);
        return CommittedChange.Of(new ChangePosition(Incarnation, commit, submitted.DossierId, 1), DossierSummary.Of(DossierState.Start(submitted)), submitted, Path);
    }

    /// <summary>The write that submits <paramref name="dossierId"/>, as the dossier grain makes it.</summary>
    public static DossierWrite Write(string dossierId, int components)
    {
        var submitted = Submission(dossierId, components);
        var state = DossierState.Start(submitted);
        return new DossierWrite(dossierId, new RecordedEvent(submitted, dossierId, RequestFingerprint.Of([1])), state.UnitCode, DossierSummary.Of(state),
            DossierKpiFacts.From(state));
    }

    private static DossierSubmitted Submission(string dossierId, int components) =>
        new(1, At, "officer", dossierId, "00004", "1.001193", Channel.Online, ApplicantType.Citizen, VneidAuthenticated: false,
            [.. Enumerable.Range(0, components).Select(_ => new DossierComponent(new string('x', 1_000), true, false, false))],
            SyncedToNationalPortal: false, new ProcessingTime(5, 0), At.AddDays(7));

    public static ChangePosition Before(ulong commit) => ChangePosition.Before(Incarnation, commit);
}
