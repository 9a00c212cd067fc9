using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>Erasing a dossier's personal data empties its free text, components' names and officers, and changes nothing it counts or shows else.</summary>
public sealed class PersonalDataTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Every_events_free_text_and_officer_go_and_the_state_is_otherwise_the_same()
    {
        DossierEvent[] events =
        [
            new DossierSubmitted(1, At, "Officer A", "D-1", "00004", "1.001193", Channel.InPerson, ApplicantType.Citizen, VneidAuthenticated: true,
                [new DossierComponent("Giấy khai sinh của A", Digitized: true, ReusedData: false, FromCitizenStore: true)], SyncedToNationalPortal: false,
                new ProcessingTime(5, 0), At.AddDays(7)) { LookupCode = "K7HM3PRX" },
            new ProcessingStarted(2, At.AddHours(1), "Officer B", "Phòng Tư pháp"),
            new SupplementRequested(3, At.AddHours(2), "Officer B", "Thiếu bản sao của A"),
            new SupplementCompleted(4, At.AddHours(3), "Officer B", [new DossierComponent("Căn cước của A", false, true, false)], At.AddDays(8), At.AddDays(8)),
            new ApologyIssued(5, At.AddHours(4), "Officer C", "Chậm vì A", At.AddDays(9)),
            new ProcessingFinished(6, At.AddHours(5), "Officer C", "KQ-A", ElectronicResult: true),
            new ProcessingStopped(7, At.AddHours(6), "Officer C", "A rút hồ sơ"),
        ];
        var erasedAt = At.AddYears(1);

        var erased = PersonalData.Erase(events, erasedAt);
        var before = DossierState.Fold(events)!;
        var after = DossierState.Fold(erased)!;

        Assert.Equal(erasedAt, after.PersonalDataErasedAt);
        Assert.Equal(before.SupplementRequestTimes, after.SupplementRequestTimes);
        Assert.Equal(before with
        {
            Components = after.Components, SupplementRequestTimes = after.SupplementRequestTimes, Department = "", ResultCode = "", TextLength = after.TextLength,
            PersonalDataErasedAt = erasedAt,
        }, after);
        Assert.Equal([("", true, false, true), ("", false, true, false)], after.Components.Select(c => (c.Name, c.Digitized, c.ReusedData, c.FromCitizenStore)));
        Assert.Equal(events.Select(e => (e.Version, e.At, e.Command, e.Caller)), erased.Select(e => (e.Version, e.At, e.Command, e.Caller)));
        Assert.All(erased, e => Assert.Equal("", e.Actor));
        Assert.Equal(["InPerson, procedure 1.001193, unit 00004", "", "", "1 components added", $"new appointment {At.AddDays(9):O}", "result, electronic", ""],
            erased.Select(e => e.Note));
        Assert.Equal("K7HM3PRX", after.LookupCode);
        // Erasing again keeps the first erasure's time.
        Assert.Equal(erasedAt, DossierState.Fold(PersonalData.Erase(erased, erasedAt.AddDays(1)))!.PersonalDataErasedAt);
    }
}
