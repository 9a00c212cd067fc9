using System.Collections.Concurrent;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// A follower from now, beside writers that commit through every lane of the pipeline at once: it gets every command
/// acknowledged after its stream opened, once each, and each dossier's in version order.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class FeedUnderLoadTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Writers = 16;
    private const int DossiersEach = 60;

    [Fact]
    public async Task A_follower_from_now_sees_every_command_acknowledged_after_it_opened_exactly_once()
    {
        await using var server = await RunningServer.StartOn(await postgres.CreateMigratedDatabaseAsync());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var feed = server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: stop.Token);
        await feed.ResponseHeadersAsync;
        var received = new List<DossierChange>();
        var reading = Task.Run(async () =>
        {
            while (await feed.ResponseStream.MoveNext(stop.Token))
            {
                lock (received)
                {
                    received.Add(feed.ResponseStream.Current);
                }
            }
        });
        var acknowledged = new ConcurrentBag<(string, long)>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < DossiersEach; i++)
            {
                var id = NewDossierId();
                var submitted = await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.InPerson });
                acknowledged.Add((id, submitted.Dossier.Version));
                var started = await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) });
                acknowledged.Add((id, started.Dossier.Version));
            }
        })));
        var expected = acknowledged.ToHashSet();
        await Eventually.Read(() => Task.FromResult(Snapshot(received)), seen => expected.IsSubsetOf(seen.Select(c => (c.Dossier.DossierId, c.Event.Version))), seconds: 30);
        await stop.CancelAsync();
        await reading.ContinueWith(_ => { });
        var changes = Snapshot(received);

        Assert.Equal(expected.Order(), changes.Select(c => (c.Dossier.DossierId, c.Event.Version)).Order());
        Assert.All(changes.GroupBy(c => c.Dossier.DossierId), dossier => Assert.Equal([1L, 2L], dossier.Select(c => c.Event.Version)));
    }

    private static List<DossierChange> Snapshot(List<DossierChange> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }
}
