using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Lookup;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Tests.Infrastructure;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Dossiers;

[Collection(SharedCluster.Name)]
public sealed class DossierGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task A_retried_request_is_applied_once_and_answered_with_its_first_reply()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        var submit = Envelope(Submit(id, "01", Channel.Online, Start), requestId: "submit-1");

        var first = await dossier.Execute(submit);
        var receive = Envelope(new Receive("officer", Start.AddMinutes(5)), requestId: "receive-1");
        await dossier.Execute(receive);
        var retried = await dossier.Execute(submit);

        Assert.False(first.Replayed);
        Assert.True(retried.Replayed);
        Assert.Equal(1, retried.Applied().Version);
        Assert.Equal(DossierStatus.Submitted, retried.Applied().Status);
        var now = await dossier.Read(CallerScope.Everything, includeHistory: true);
        Assert.Equal(2, now!.Dossier.Version);
        Assert.Equal(["Submit", "Receive"], now.History!.Select(h => h.Command));
    }

    [Fact]
    public async Task A_read_shows_what_another_activation_of_the_dossier_committed_since_this_one_last_saw_it()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        var submitted = (await dossier.Execute(Envelope(Submit(id, "96", Channel.Online, Start)))).Applied();
        // Another activation of the dossier, on a silo whose view of the cluster lagged, receives it: storage has
        // version 2, this activation still holds version 1.
        var receive = new Receive("officer", Start.AddMinutes(5));
        var received = DossierStateMachine.Decide(submitted, receive,
            new DecisionContext(DateTimeOffset.UtcNow, ShippedData.Calendar, ShippedData.Catalog.Find, CallerScope.Everything, LookupCode.New)).Event!;
        var next = submitted.Apply(received);
        ClusterFixture.Database.Commit(
            new DossierWrite(id, new RecordedEvent(received, "elsewhere", RequestFingerprint.Of([1])), next.UnitCode, DossierSummary.Of(next), DossierKpiFacts.From(next)),
            new KpiUnits(ShippedData.Units, UnitMapping.None).PathOf(next.UnitCode));

        var read = await dossier.Read(CallerScope.Everything, includeHistory: false);
        var withHistory = await dossier.Read(CallerScope.Everything, includeHistory: true);

        Assert.Equal((2L, DossierStatus.Received), (read!.Dossier.Version, read.Dossier.Status));
        Assert.Equal(["Submit", "Receive"], withHistory!.History!.Select(h => h.Command));
    }

    [Fact]
    public async Task A_command_refused_by_what_this_activation_holds_is_decided_again_on_what_another_activation_committed()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        var submitted = (await dossier.Execute(Envelope(Submit(id, "96", Channel.Online, Start)))).Applied();
        // Another activation received it and acknowledged that: storage has version 2, this activation still holds 1,
        // where StartProcessing is not allowed yet.
        var received = DossierStateMachine.Decide(submitted, new Receive("officer", Start.AddMinutes(5)),
            new DecisionContext(DateTimeOffset.UtcNow, ShippedData.Calendar, ShippedData.Catalog.Find, CallerScope.Everything, LookupCode.New)).Event!;
        var next = submitted.Apply(received);
        ClusterFixture.Database.Commit(
            new DossierWrite(id, new RecordedEvent(received, "elsewhere", RequestFingerprint.Of([1])), next.UnitCode, DossierSummary.Of(next), DossierKpiFacts.From(next)),
            new KpiUnits(ShippedData.Units, UnitMapping.None).PathOf(next.UnitCode));

        var started = await dossier.Execute(Envelope(new StartProcessing("officer", Start.AddMinutes(10), "desk")));

        Assert.Null(started.Rejection);
        Assert.Equal((3L, DossierStatus.Processing), (started.Applied().Version, started.Applied().Status));
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_and_changes_nothing()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.Online, Start)));
        await dossier.Execute(Envelope(new Receive("officer", Start.AddMinutes(1)), expectedVersion: 1));

        var stale = await dossier.Execute(Envelope(new Refuse("officer", Start.AddMinutes(2), "incomplete"), expectedVersion: 1));

        Assert.Equal(RejectionReason.VersionConflict, stale.Rejection?.Reason);
        var now = await dossier.Read(CallerScope.Everything, includeHistory: false);
        Assert.Equal(2, now!.Dossier.Version);
        Assert.Equal(DossierStatus.Received, now.Dossier.Status);
    }

    [Fact]
    public async Task Submitting_an_existing_dossier_under_another_request_id_is_refused()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.Online, Start)));

        var again = await dossier.Execute(Envelope(Submit(id, "01", Channel.Online, Start.AddMinutes(1))));

        Assert.Equal(RejectionReason.DossierExists, again.Rejection?.Reason);
    }

    [Fact]
    public async Task Concurrent_commands_on_one_dossier_each_apply_once_in_some_order()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.InPerson, Start)));

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            dossier.Execute(Envelope(new MarkSynced($"portal-{i}", Start.AddMinutes(1)), requestId: $"sync-{i}"))));

        Assert.All(replies, r => Assert.Null(r.Rejection));
        Assert.Equal(Enumerable.Range(2, 40).Select(v => (long)v), replies.Select(r => r.Applied().Version).Order());
        var now = await dossier.Read(CallerScope.Everything, includeHistory: true);
        Assert.Equal(41, now!.Dossier.Version);
        Assert.Equal(41, now.History!.Select(h => h.Version).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_commands_expecting_the_same_version_let_exactly_one_through()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.InPerson, Start)));

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            dossier.Execute(Envelope(new StartProcessing("officer", Start.AddMinutes(1), $"desk {i}"), expectedVersion: 1))));

        Assert.Single(replies, r => r.Rejection is null);
        Assert.Equal(19, replies.Count(r => r.Rejection?.Reason == RejectionReason.VersionConflict));
        Assert.Equal(2, (await dossier.Read(CallerScope.Everything, false))!.Dossier.Version);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_and_changes_nothing()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.Online, Start)));

        var reply = await dossier.Execute(Envelope(new ReturnResult("officer", Start.AddMinutes(1))));

        Assert.Equal(RejectionReason.IllegalTransition, reply.Rejection?.Reason);
        Assert.Equal(1, (await dossier.Read(CallerScope.Everything, false))!.Dossier.Version);
    }

    [Fact]
    public async Task An_idle_dossier_deactivates_and_comes_back_whole_counted_once()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        var submit = Envelope(Submit(id, "04", Channel.InPerson, Start), requestId: "idle-submit");
        await dossier.Execute(submit);
        var query = new KpiQuery(PeriodKind.Year, VietnamTime.DateOf(Start), DateTimeOffset.UtcNow);
        var before = (await fixture.Grains.GetGrain<IUnitKpiGrain>("04").GetKpis(query)).Counters.Received;
        Assert.Equal(1, await Management.GetGrainActivationCount((GrainReference)dossier));

        await Management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await Management.GetGrainActivationCount((GrainReference)dossier));
        var retried = await dossier.Execute(submit);

        Assert.True(retried.Replayed);
        Assert.Equal(1, retried.Applied().Version);
        Assert.Equal(before, (await fixture.Grains.GetGrain<IUnitKpiGrain>("04").GetKpis(query)).Counters.Received);
    }

    private IManagementGrain Management => fixture.Grains.GetGrain<IManagementGrain>(0);

    [Fact]
    public async Task A_large_dossier_gives_its_memory_back_once_idle_and_a_small_one_stays_active()
    {
        var (largeId, smallId) = (NewDossierId(), NewDossierId());
        var large = fixture.Grains.GetGrain<IDossierGrain>(largeId);
        var small = fixture.Grains.GetGrain<IDossierGrain>(smallId);
        // 100 components of 1,000 characters: about 200 KB as a silo keeps them, past the 64 KiB a dossier stays active with.
        var name = new string('x', 1_000);
        var submit = Submit(largeId, "01", Channel.Online, Start) with
        {
            Components = [.. Enumerable.Range(0, 100).Select(_ => new DossierComponent(name, Digitized: true, ReusedData: false, FromCitizenStore: false))],
        };

        await large.Execute(Envelope(submit));
        await small.Execute(Envelope(Submit(smallId, "01", Channel.Online, Start)));
        await Eventually.Until(async () => await Management.GetGrainActivationCount((GrainReference)large) == 0, "the large dossier deactivates");
        var read = await large.Read(CallerScope.Everything, includeHistory: false);
        await Eventually.Until(async () => await Management.GetGrainActivationCount((GrainReference)large) == 0, "the large dossier deactivates after a read");
        var received = await large.Execute(Envelope(new Receive("officer", Start.AddMinutes(1)), expectedVersion: 1));

        Assert.Equal(100, read!.Dossier.Components.Count);
        Assert.Equal((2L, 100), (received.Applied().Version, received.Applied().Components.Count));
        Assert.Equal(1, await Management.GetGrainActivationCount((GrainReference)small));
    }

    [Fact]
    public async Task A_reader_outside_the_dossiers_unit_gets_nothing_and_a_history_read_leaves_the_grain_its_state()
    {
        var id = NewDossierId();
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
        await dossier.Execute(Envelope(Submit(id, "01", Channel.Online, Start)));
        var hoChiMinh = CallerScope.Of(["79"], ShippedData.Units);

        var whileActive = await dossier.Read(hoChiMinh, includeHistory: true);
        await Management.ForceActivationCollection(TimeSpan.Zero);
        var whileInactive = await dossier.Read(hoChiMinh, includeHistory: true);
        var haNoi = await dossier.Read(CallerScope.Of(["01"], ShippedData.Units), includeHistory: true);
        var received = await dossier.Execute(Envelope(new Receive("officer", Start.AddMinutes(1)), expectedVersion: 1));

        Assert.Null(whileActive);
        Assert.Null(whileInactive);
        Assert.Equal(["Submit"], haNoi!.History!.Select(h => h.Command));
        Assert.Equal(2, received.Applied().Version);
        Assert.Equal(2, (await dossier.Read(CallerScope.Everything, includeHistory: false))!.Dossier.Version);
    }

    [Fact]
    public async Task A_dossier_that_never_existed_is_not_found()
    {
        var dossier = fixture.Grains.GetGrain<IDossierGrain>(NewDossierId());

        Assert.Null(await dossier.Read(CallerScope.Everything, includeHistory: true));
        var reply = await dossier.Execute(Envelope(new Receive("officer", Start)));
        Assert.Equal(RejectionReason.DossierNotFound, reply.Rejection?.Reason);
    }
}
