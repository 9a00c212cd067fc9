using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;
using static DvcGrains.Server.Tests.ReadSide.FeedReader;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// Dossiers.WatchChanges on each storage: every command once, each dossier's in version order, the dossier as the
/// command left it; a reader that reconnects after a position continues exactly there; from_now, the unit's subtree.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public abstract class ChangeFeedTests<TServer>(TServer fixture) where TServer : ReadSideServer
{
    private SampleDossiers Sample => fixture.Sample;

    private Dossiers.DossiersClient Client => fixture.Server.Dossiers;

    [Fact]
    public async Task From_the_start_every_command_comes_once_in_order_with_the_dossier_as_it_left_it()
    {
        var dossiers = await Task.WhenAll(Sample.Ids.Select(id => Client.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true }).ResponseAsync));
        var commands = CommandsOf(dossiers);

        var changes = await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN" }, received => HasAll(received, commands));

        var ofSample = changes.Where(c => commands.Contains((c.Dossier.DossierId, c.Event.Version))).ToList();
        Assert.Equal(commands.Count, ofSample.Count);
        Assert.Equal(changes.Count, changes.Select(c => c.Position).Distinct().Count());
        Assert.Equal(changes.Select(c => c.Position), changes.Select(c => c.Position).Order(StringComparer.Ordinal));
        foreach (var dossier in dossiers)
        {
            var own = ofSample.Where(c => c.Dossier.DossierId == dossier.DossierId).ToList();
            Assert.Equal(dossier.History.Select(e => e.Version), own.Select(c => c.Event.Version));
            Assert.Equal(dossier.History, own.Select(c => c.Event));
            Assert.Equal(own.Select(c => c.Event.Version), own.Select(c => c.Dossier.Version));
            Assert.Equal(own.Select(c => c.Event.Status), own.Select(c => c.Dossier.Status));
            var latest = own[^1].Dossier.Clone();
            var current = SampleDossiers.AsListed(dossier);
            current.History.Clear();
            (latest.Timeliness, current.Timeliness) = (Timeliness.Unspecified, Timeliness.Unspecified);
            Assert.Equal(current, latest);
        }
    }

    [Fact]
    public async Task A_reader_that_reconnects_after_a_position_gets_exactly_the_changes_after_it()
    {
        var commands = CommandsOf(await Sample.Now());
        var all = await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN" }, received => HasAll(received, commands));
        var middle = all.Count / 2;

        var rest = await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN", After = all[middle].Position }, received => received.Count == all.Count - middle - 1);

        Assert.Equal(all.Skip(middle + 1).Select(c => c.Position), rest.Select(c => c.Position));
    }

    [Fact]
    public async Task A_units_feed_carries_its_subtree_and_nothing_else()
    {
        var inProvince = (await Sample.Now()).Where(d => Sample.ProvinceOf(d.DossierId) == SampleDossiers.OtherProvince).ToList();
        var commands = CommandsOf(inProvince);
        var wholeFeed = await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN" }, received => HasAll(received, CommandsOf(Sample.Now().Result)));

        var changes = await ReadUntil(Client, new WatchChangesRequest { UnitCode = SampleDossiers.OtherProvince }, received => HasAll(received, commands));

        Assert.Equal(commands.Count, changes.Count);
        Assert.Equal(wholeFeed.Where(c => commands.Contains((c.Dossier.DossierId, c.Event.Version))).Select(c => c.Position), changes.Select(c => c.Position));
    }

    [Fact]
    public async Task From_now_a_reader_gets_what_commits_after_its_call_and_nothing_before()
    {
        var before = NewDossierId();
        await Submit(before);
        using var stop = new CancellationTokenSource(Deadline);
        using var call = Client.WatchChanges(new WatchChangesRequest { UnitCode = SampleDossiers.Province, FromNow = true }, cancellationToken: stop.Token);
        await call.ResponseHeadersAsync;
        var after = NewDossierId();
        await Submit(after);
        await Client.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(after) });

        var received = new List<DossierChange>();
        while (received.Count < 2 && await call.ResponseStream.MoveNext(stop.Token))
        {
            received.Add(call.ResponseStream.Current);
        }

        Assert.Equal([(after, 1L), (after, 2L)], received.Select(c => (c.Dossier.DossierId, c.Event.Version)));
    }

    [Fact]
    public async Task A_position_that_no_server_gave_or_after_with_from_now_is_refused()
    {
        var position = (await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN" }, received => received.Count == 1))[0].Position;
        (WatchChangesRequest Request, string Reason, string Mentions)[] cases =
        [
            (new() { UnitCode = "VN", After = "made-up" }, "INVALID_ARGUMENT", "after"),
            (new() { UnitCode = "VN", After = position[..^3] }, "INVALID_ARGUMENT", "after"),
            (new() { UnitCode = "VN", After = new string('A', 5000) }, "INVALID_ARGUMENT", "after"),
            (new() { UnitCode = "VN", After = position, FromNow = true }, "INVALID_ARGUMENT", "from_now"),
            (new() { UnitCode = "nowhere" }, "UNKNOWN_UNIT", "unit_code"),
        ];
        foreach (var (request, reason, mentions) in cases)
        {
            var e = await Fails(() => ReadUntil(Client, request, _ => false));
            Assert.Equal((StatusCode.InvalidArgument, reason), (e.StatusCode, e.Reason()));
            Assert.Contains(mentions, e.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_position_of_another_history_of_the_storage_is_refused_with_feed_reset_and_says_what_to_do()
    {
        var position = (await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN" }, received => received.Count == 1))[0].Position;
        var parts = position.Split('-');
        // The same change as another incarnation of the database would number it: the nonce differs.
        var otherBranch = $"{parts[0][..8]}{(parts[0][^1] == '0' ? parts[0][8..^1] + "1" : parts[0][8..^1] + "0")}-{string.Join('-', parts[1..])}";
        // Past every change the storage has made final: a position of a stretch it lost, or made up.
        var pastTheFrontier = $"{parts[0]}-{"ffffffffffff0000"}-{string.Join('-', parts[2..])}";
        // As a build before incarnations wrote it.
        var unlabelled = string.Join('-', parts[1..]);

        foreach (var after in new[] { otherBranch, pastTheFrontier, unlabelled })
        {
            var e = await Fails(() => ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN", After = after }, _ => false));
            Assert.Equal((StatusCode.FailedPrecondition, "FEED_RESET"), (e.StatusCode, e.Reason()));
            Assert.Contains("Follow again from the first change (after empty)", e.Status.Detail, StringComparison.Ordinal);
        }
        var resumed = await ReadUntil(Client, new WatchChangesRequest { UnitCode = "VN", After = position }, received => received.Count == 1);
        Assert.True(string.CompareOrdinal(resumed[0].Position, position) > 0);
    }

    private Task<DossierReply> Submit(string id) =>
        Client.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = SampleDossiers.Province, ProcedureCode = Sample.Procedures[0], Channel = Channel.InPerson }).ResponseAsync;
}

public sealed class EmbeddedChangeFeedTests(EmbeddedReadSide fixture) : ChangeFeedTests<EmbeddedReadSide>(fixture), IClassFixture<EmbeddedReadSide>;

public sealed class PostgresChangeFeedTests(PostgresReadSide fixture) : ChangeFeedTests<PostgresReadSide>(fixture), IClassFixture<PostgresReadSide>;
