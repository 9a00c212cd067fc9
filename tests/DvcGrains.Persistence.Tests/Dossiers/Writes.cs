using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>Dossier writes as the dossier grain makes them: an event, its request and the dossier's facts after it.</summary>
internal static class Writes
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public static string NewDossierId() => $"P-{Guid.NewGuid():N}"[..30];

    public static DossierWrite Submitted(string dossierId, string unitCode = "01", string? requestId = null, IReadOnlyList<DossierComponent>? components = null)
    {
        var submitted = new DossierSubmitted(1, At, "officer", dossierId, unitCode, "1.001193", Channel.InPerson, ApplicantType.Citizen,
            VneidAuthenticated: false, components ?? [], SyncedToNationalPortal: false, new ProcessingTime(5, 0), At.AddDays(7));
        return Write(DossierState.Start(submitted), submitted, requestId);
    }

    /// <summary>The write that follows <paramref name="previous"/>: processing starts.</summary>
    public static DossierWrite Started(DossierWrite previous, string? requestId = null)
    {
        var state = DossierState.Fold([previous.Recorded.Event])!;
        var started = new ProcessingStarted(previous.Version + 1, At.AddHours(1), "officer", "Phòng Tư pháp");
        return Write(state.Apply(started), started, requestId);
    }

    /// <summary><paramref name="count"/> components whose names take <paramref name="length"/> characters each.</summary>
    public static IReadOnlyList<DossierComponent> Components(int count, int length) =>
        [.. Enumerable.Range(0, count).Select(i => new DossierComponent($"{i:D4}".PadRight(length, 'x'), Digitized: true, ReusedData: false, FromCitizenStore: false))];

    private static DossierWrite Write(DossierState state, DossierEvent recorded, string? requestId)
    {
        var id = requestId ?? Guid.NewGuid().ToString("N");
        return new DossierWrite(state.DossierId, new RecordedEvent(recorded, id, RequestFingerprint.Of(System.Text.Encoding.UTF8.GetBytes(id))),
            state.UnitCode, DossierSummary.Of(state), DossierKpiFacts.From(state));
    }
}
