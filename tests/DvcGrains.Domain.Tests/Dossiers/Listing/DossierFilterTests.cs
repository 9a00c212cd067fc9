using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers.Listing;

/// <summary>
/// The list filter: what each filter matches, and that the parts storage may skip (open or ended dossiers) never hold
/// a dossier the filter matches.
/// </summary>
public sealed class DossierFilterTests
{
    private static readonly DateTimeOffset Later = Vn.At(2026, 4, 1, 9);

    /// <summary>A dossier in every status, and one withdrawn after it finished (ended, yet WITHDRAWAL_REQUESTED).</summary>
    private static IEnumerable<DossierState> EveryKind() =>
    [
        .. Enum.GetValues<DossierStatus>().Select(status => DossierScenario.InStatus(status).State),
        DossierScenario.InStatus(DossierStatus.Finished).Then("RequestWithdrawal", Vn.At(2026, 3, 3, 9)).State,
    ];

    public static TheoryData<string> Filters => [.. SampleFilters().Keys];

    private static Dictionary<string, DossierFilter> SampleFilters()
    {
        var filters = Enum.GetValues<DossierStatus>().ToDictionary(
            status => $"status {status}", status => new DossierFilter { Statuses = new HashSet<DossierStatus> { status } });
        foreach (var value in Enum.GetValues<Timeliness>())
        {
            filters[$"timeliness {value}"] = new DossierFilter { Timeliness = new HashSet<Timeliness> { value } };
        }
        filters["due before"] = new DossierFilter { DueBefore = Later };
        return filters;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void A_part_the_filter_does_not_admit_holds_no_dossier_it_matches(string filter)
    {
        var rule = SampleFilters()[filter];
        foreach (var state in EveryKind())
        {
            var summary = DossierSummary.Of(state);
            if (rule.Matches(summary, Later))
            {
                Assert.True(summary.HasEnded ? rule.AdmitsEnded : rule.AdmitsOpen, $"{filter} matches a dossier in {state.Status} (ended: {summary.HasEnded})");
            }
        }
    }

    [Fact]
    public void Open_only_and_ended_only_filters_say_so()
    {
        Assert.Equal((true, false), Parts(new DossierFilter { Statuses = new HashSet<DossierStatus> { DossierStatus.Received, DossierStatus.Processing } }));
        Assert.Equal((false, true), Parts(new DossierFilter { Statuses = new HashSet<DossierStatus> { DossierStatus.Finished, DossierStatus.Returned } }));
        Assert.Equal((true, true), Parts(new DossierFilter { Statuses = new HashSet<DossierStatus> { DossierStatus.WithdrawalRequested } }));
        Assert.Equal((true, false), Parts(new DossierFilter { Timeliness = new HashSet<Timeliness> { Timeliness.Overdue } }));
        Assert.Equal((false, true), Parts(new DossierFilter { Timeliness = new HashSet<Timeliness> { Timeliness.Late } }));
        Assert.Equal((true, false), Parts(new DossierFilter { DueBefore = Later }));
        Assert.Equal((false, false), Parts(new DossierFilter { DueBefore = Later, Statuses = new HashSet<DossierStatus> { DossierStatus.Returned } }));
        Assert.Equal((true, true), Parts(DossierFilter.Any));
    }

    [Fact]
    public void Each_filter_matches_by_its_own_field()
    {
        var processing = DossierSummary.Of(DossierScenario.Processing().State);

        Assert.True(new DossierFilter { ProcedureCode = processing.ProcedureCode, Channel = Channel.Online, NotSynced = true }.Matches(processing, Later));
        Assert.False(new DossierFilter { ProcedureCode = "9.999999" }.Matches(processing, Later));
        Assert.False(new DossierFilter { Channel = Channel.InPerson }.Matches(processing, Later));
        Assert.False(new DossierFilter { NotSynced = true }.Matches(processing with { SyncedToNationalPortal = true }, Later));
        Assert.True(new DossierFilter { SubmittedFrom = processing.SubmittedAt, SubmittedBefore = processing.SubmittedAt.AddTicks(1) }.Matches(processing, Later));
        Assert.False(new DossierFilter { SubmittedBefore = processing.SubmittedAt }.Matches(processing, Later));
        Assert.True(new DossierFilter { DueBefore = processing.Appointment!.Value.AddTicks(1) }.Matches(processing, Later));
        Assert.False(new DossierFilter { DueBefore = processing.Appointment!.Value }.Matches(processing, Later));
        Assert.True(new DossierFilter { Timeliness = new HashSet<Timeliness> { Timeliness.Overdue } }.Matches(processing, Later));
        Assert.True(new DossierFilter { Timeliness = new HashSet<Timeliness> { Timeliness.WithinDeadline } }.Matches(processing, DossierScenario.Start));
    }

    private static (bool Open, bool Ended) Parts(DossierFilter filter) => (filter.AdmitsOpen, filter.AdmitsEnded);
}
