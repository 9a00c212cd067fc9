using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.ReadSide.SampleDossiers;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// Dossiers.List on each storage: every filter and both orders return exactly the dossiers the contract's rules pick
/// from what Get shows, page after page at any page size; tokens from elsewhere and bad filters are refused.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public abstract class ListDossiersTests<TServer>(TServer fixture) where TServer : ReadSideServer
{
    private SampleDossiers Sample => fixture.Sample;

    private Dossiers.DossiersClient Client => fixture.Server.Dossiers;

    [Theory]
    [MemberData(nameof(SampleLists.Names), MemberType = typeof(SampleLists))]
    public async Task Each_filter_lists_exactly_its_dossiers_in_both_orders(string list)
    {
        var dossiers = await Sample.Now();
        foreach (var order in new[] { DossierOrder.NewestFirst, DossierOrder.MostUrgentFirst })
        {
            var request = SampleLists.Requests()[list](Sample);
            request.Order = order;

            var listed = await SampleDossiers.AllPages(Client, request, pageSize: 1000);

            Assert.Equal(Sample.Expected(dossiers, request), listed.Select(d => d.DossierId));
            Assert.Equal(listed.Select(d => AsListed(dossiers.Single(g => g.DossierId == d.DossierId))), listed);
        }
    }

    [Fact]
    public async Task The_filters_tell_the_dossiers_apart()
    {
        var dossiers = await Sample.Now();

        // The sample holds each kind a filter picks, so that no filter passes by listing nothing.
        foreach (var (list, request) in SampleLists.Requests().Where(r => !r.Key.EndsWith("nothing", StringComparison.Ordinal)))
        {
            var expected = Sample.Expected(dossiers, request(Sample));
            Assert.True(expected.Count > 0 && expected.Count < dossiers.Count || list is "the nation", $"{list}: {expected.Count} of {dossiers.Count}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Pages_of_any_size_hold_every_dossier_once(int pageSize)
    {
        var dossiers = await Sample.Now();
        foreach (var order in new[] { DossierOrder.NewestFirst, DossierOrder.MostUrgentFirst })
        {
            var request = new ListDossiersRequest { UnitCode = "VN", Order = order };

            var listed = await SampleDossiers.AllPages(Client, request, pageSize);

            Assert.Equal(Sample.Expected(dossiers, request), listed.Select(d => d.DossierId));
        }
    }

    [Fact]
    public async Task A_page_size_of_zero_is_a_hundred()
    {
        var reply = await Client.ListAsync(new ListDossiersRequest { UnitCode = "VN" });

        Assert.Equal(Math.Min(100, Count), reply.Dossiers.Count);
    }

    [Fact]
    public async Task A_page_token_is_refused_when_forged_changed_oversized_or_sent_with_other_filters()
    {
        var first = await Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageSize = 5 });
        var token = first.NextPageToken;
        var changed = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        RpcException[] refusals =
        [
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageToken = "not-a-token" }).ResponseAsync),
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageToken = changed }).ResponseAsync),
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageToken = new string('A', 300) }).ResponseAsync),
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = Province, PageToken = token }).ResponseAsync),
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", NotSynced = true, PageToken = token }).ResponseAsync),
            await Portal.Fails(() => Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", Order = DossierOrder.MostUrgentFirst, PageToken = token }).ResponseAsync),
        ];
        var second = await Client.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageSize = 7, Order = DossierOrder.NewestFirst, PageToken = token });

        Assert.All(refusals, e => Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (e.StatusCode, e.Reason())));
        Assert.Contains("not a token this server gave", refusals[0].Status.Detail, StringComparison.Ordinal);
        Assert.Contains("not a token this server gave", refusals[1].Status.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 256", refusals[2].Status.Detail, StringComparison.Ordinal);
        Assert.All(refusals[3..], e => Assert.Contains("other filters", e.Status.Detail, StringComparison.Ordinal));
        Assert.Equal(7, second.Dossiers.Count);
        Assert.Empty(second.Dossiers.Select(d => d.DossierId).Intersect(first.Dossiers.Select(d => d.DossierId)));
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_the_field_named()
    {
        (ListDossiersRequest Request, string Reason, string Mentions)[] cases =
        [
            (new() { UnitCode = "" }, "INVALID_ARGUMENT", "unit_code"),
            (new() { UnitCode = "99999" }, "UNKNOWN_UNIT", "unit_code"),
            (new() { UnitCode = "VN", Statuses = { DossierStatus.Unspecified } }, "INVALID_ARGUMENT", "statuses[0]"),
            (new() { UnitCode = "VN", Statuses = { DossierStatus.Received, (DossierStatus)42 } }, "INVALID_ARGUMENT", "statuses[1]"),
            (new() { UnitCode = "VN", Timeliness = { Timeliness.Unspecified } }, "INVALID_ARGUMENT", "timeliness[0]"),
            (new() { UnitCode = "VN", ProcedureCode = "NO.SUCH" }, "UNKNOWN_PROCEDURE", "procedure_code"),
            (new() { UnitCode = "VN", Channel = (Channel)9 }, "INVALID_ARGUMENT", "channel"),
            (new() { UnitCode = "VN", Order = (DossierOrder)7 }, "INVALID_ARGUMENT", "order"),
            (new() { UnitCode = "VN", PageSize = 1001 }, "INVALID_ARGUMENT", "page_size"),
            (new() { UnitCode = "VN", PageSize = -1 }, "INVALID_ARGUMENT", "page_size"),
            (new() { UnitCode = "VN", DueBefore = new() { Seconds = 1, Nanos = -5 } }, "BAD_TIME", "due_before"),
            (new() { UnitCode = "VN", SubmittedFrom = At(DateTimeOffset.UtcNow), SubmittedBefore = At(DateTimeOffset.UtcNow.AddDays(-1)) }, "INVALID_ARGUMENT", "submitted_from"),
        ];
        foreach (var (request, reason, mentions) in cases)
        {
            var e = await Portal.Fails(() => Client.ListAsync(request).ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, reason), (e.StatusCode, e.Reason()));
            Assert.Contains(mentions, e.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_overdue_and_within_deadline_lists_hold_as_many_dossiers_as_the_units_counters()
    {
        foreach (var unit in new[] { Province, OtherProvince, Sample.Units[0], "VN" })
        {
            var overdue = await SampleDossiers.AllPages(Client, new ListDossiersRequest { UnitCode = unit, Timeliness = { Timeliness.Overdue } }, 1000);
            var within = await SampleDossiers.AllPages(Client, new ListDossiersRequest { UnitCode = unit, Timeliness = { Timeliness.WithinDeadline } }, 1000);

            // The counters roll up to provinces and the nation a moment after the commits.
            var counters = await Eventually.Read(
                async () => (await fixture.Server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit })).Counters,
                c => (c.Overdue, c.InProgressWithinDeadline) == (overdue.Count, within.Count));

            Assert.True(overdue.Count > 0, $"unit {unit} has overdue dossiers");
            Assert.Equal((counters.Overdue, counters.InProgressWithinDeadline), ((long)overdue.Count, (long)within.Count));
        }
    }
}

public sealed class EmbeddedListDossiersTests(EmbeddedReadSide fixture) : ListDossiersTests<EmbeddedReadSide>(fixture), IClassFixture<EmbeddedReadSide>;

public sealed class PostgresListDossiersTests(PostgresReadSide fixture) : ListDossiersTests<PostgresReadSide>(fixture), IClassFixture<PostgresReadSide>;

/// <summary>The lists the tests ask for, by name: each filter alone, and some together.</summary>
public static class SampleLists
{
    public static TheoryData<string> Names => [.. Requests().Keys];

    public static Dictionary<string, Func<SampleDossiers, ListDossiersRequest>> Requests()
    {
        var now = DateTimeOffset.UtcNow;
        return new()
        {
            ["the province, every dossier"] = _ => new() { UnitCode = Province },
            ["a commune"] = s => new() { UnitCode = s.Units[0] },
            ["the other province"] = _ => new() { UnitCode = OtherProvince },
            ["the nation"] = _ => new() { UnitCode = "VN" },
            ["open statuses"] = _ => new() { UnitCode = "VN", Statuses = { DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested } },
            ["ended statuses"] = _ => new() { UnitCode = Province, Statuses = { DossierStatus.Finished, DossierStatus.Returned, DossierStatus.Stopped, DossierStatus.Refused } },
            ["not yet received"] = _ => new() { UnitCode = "VN", Statuses = { DossierStatus.Submitted } },
            ["overdue"] = _ => new() { UnitCode = "VN", Timeliness = { Timeliness.Overdue } },
            ["within deadline"] = _ => new() { UnitCode = Province, Timeliness = { Timeliness.WithinDeadline } },
            ["finished early or late"] = _ => new() { UnitCode = "VN", Timeliness = { Timeliness.Early, Timeliness.Late } },
            ["overdue or late"] = _ => new() { UnitCode = "VN", Timeliness = { Timeliness.Overdue, Timeliness.Late, Timeliness.OnTime } },
            ["due in ten days"] = _ => new() { UnitCode = "VN", DueBefore = At(now.AddDays(10)) },
            ["due long ago"] = _ => new() { UnitCode = Province, DueBefore = At(now.AddDays(-30)) },
            ["submitted recently"] = _ => new() { UnitCode = "VN", SubmittedFrom = At(now.AddDays(-1)) },
            ["submitted long ago, before a minute"] = _ => new() { UnitCode = "VN", SubmittedBefore = At(now.AddDays(-40)) },
            ["one procedure"] = s => new() { UnitCode = "VN", ProcedureCode = s.Procedures[1] },
            ["online"] = _ => new() { UnitCode = "VN", Channel = Channel.Online },
            ["not synced"] = _ => new() { UnitCode = Province, NotSynced = true },
            ["a commune's open in-person dossiers not synced, submitted in a range"] = s => new()
            {
                UnitCode = s.Units[0], Statuses = { DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested },
                Channel = Channel.InPerson, NotSynced = true, SubmittedFrom = At(now.AddDays(-60)), SubmittedBefore = At(now),
            },
            ["a finished status with a due date: nothing"] = _ => new() { UnitCode = "VN", Statuses = { DossierStatus.Returned }, DueBefore = At(now.AddDays(10)) },
        };
    }
}
