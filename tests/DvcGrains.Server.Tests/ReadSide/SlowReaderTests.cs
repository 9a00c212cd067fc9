using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// A reader that does not keep up is ended with RESOURCE_EXHAUSTED, and then reconnects with the last position it
/// received and misses nothing: the silo keeps only so many changes for its readers (here 200) and waits only so long
/// for a reader to take one (here 2 s), so that neither costs the server memory or a call slot for long.
/// </summary>
public sealed class SlowReaderTests
{
    private const int Filed = 800;

    private static RunningServer Server(TimeSpan stalledWriteTimeout) => RunningServer.WithArguments(
        "--Dvc:Changes:BufferedChanges", "200", "--Dvc:Changes:ReadBatch", "50", "--Dvc:Changes:StalledWriteTimeout", stalledWriteTimeout.ToString());

    [Fact]
    public async Task A_reader_that_falls_behind_the_silos_buffer_is_ended_and_resumes_from_its_position_missing_nothing()
    {
        // The reader falls behind while the others read: it is not cut off as stalled meanwhile.
        await using var server = Server(TimeSpan.FromMinutes(1));
        await server.InitializeAsync();
        // The silo's buffer runs once a reader has followed the log: a reader from now then reads from the buffer at
        // once, where it can be lapped, instead of catching up from storage at its own pace.
        var opening = await FileDossiers(server, 1);
        await FeedReader.ReadUntil(server.Dossiers, new WatchChangesRequest { UnitCode = "VN" }, received => FeedReader.HasAll(received, opening));
        // Filing 800 dossiers and reading them twice takes a few seconds, more on a machine busy with other tests.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var slow = server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: stop.Token);
        await slow.ResponseHeadersAsync;
        // It takes one change, so that it has a position to come back to; then it reads nothing for a while.
        var taken = await FileDossiers(server, 1);
        Assert.True(await slow.ResponseStream.MoveNext(stop.Token));
        var first = slow.ResponseStream.Current;
        var filed = await FileDossiers(server, Filed);
        // A reader that keeps up has every change, so the silo's buffer has moved on past the slow reader's place.
        await FeedReader.ReadUntil(server.Dossiers, new WatchChangesRequest { UnitCode = "VN" }, received => FeedReader.HasAll(received, filed));

        var (after, ended) = await ReadToTheEnd(slow, stop.Token);
        List<DossierChange> before = [first, .. after];
        var rest = await FeedReader.ReadUntil(server.Dossiers, new WatchChangesRequest { UnitCode = "VN", After = before[^1].Position },
            received => FeedReader.HasAll([.. before, .. received], filed));

        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (ended.StatusCode, ended.Reason()));
        Assert.Contains("further behind the live feed than the server keeps (200 changes", ended.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("reconnect with after", ended.Status.Detail, StringComparison.Ordinal);
        Assert.InRange(before.Count, 1, Filed - 200);
        Assert.Equal([.. taken, .. filed], before.Concat(rest).Select(c => (c.Dossier.DossierId, c.Event.Version)).ToHashSet());
        Assert.Equal(Filed + 1, before.Count + rest.Count);
    }

    [Fact]
    public async Task A_reader_that_stops_taking_changes_has_its_stream_reset_and_resumes_from_its_position_missing_nothing()
    {
        await using var server = Server(TimeSpan.FromSeconds(2));
        await server.InitializeAsync();
        var filed = await FileDossiers(server, Filed);
        using var stop = new CancellationTokenSource(FeedReader.Deadline);
        // From the start: the reader catches up from storage, as fast as it takes the changes, and it takes none.
        using var stalled = server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN" }, cancellationToken: stop.Token);
        await stalled.ResponseHeadersAsync;

        var (before, ended) = await ReadToTheEnd(stalled, stop.Token, firstReadAfter: TimeSpan.FromSeconds(4));
        var resume = new WatchChangesRequest { UnitCode = "VN", After = before.Count > 0 ? before[^1].Position : "" };
        var rest = await FeedReader.ReadUntil(server.Dossiers, resume, received => FeedReader.HasAll([.. before, .. received], filed));

        // A stream whose client takes nothing cannot deliver a status after what waits for it: it is reset instead,
        // with the HTTP/2 code gRPC clients report as RESOURCE_EXHAUSTED.
        Assert.Equal(StatusCode.ResourceExhausted, ended.StatusCode);
        Assert.Contains("ENHANCE_YOUR_CALM", ended.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(filed.Order(), before.Concat(rest).Select(c => (c.Dossier.DossierId, c.Event.Version)).Order());
    }

    /// <summary>Reads a stream until it ends, answering what came and how it ended.</summary>
    private static async Task<(List<DossierChange> Received, RpcException Ended)> ReadToTheEnd(
        AsyncServerStreamingCall<DossierChange> call, CancellationToken stop, TimeSpan? firstReadAfter = null)
    {
        if (firstReadAfter is { } pause)
        {
            // What the test waits for is the server's own timeout: nothing can be read meanwhile, by design.
            await Task.Delay(pause, stop);
        }
        var received = new List<DossierChange>();
        try
        {
            while (await call.ResponseStream.MoveNext(stop))
            {
                received.Add(call.ResponseStream.Current);
            }
        }
        catch (RpcException e) when (!stop.IsCancellationRequested)
        {
            return (received, e);
        }
        throw new InvalidOperationException($"The stream ended without an error after {received.Count} changes.");
    }

    private static async Task<HashSet<(string, long)>> FileDossiers(RunningServer server, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => NewDossierId()).ToList();
        foreach (var chunk in ids.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(id => server.Dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(id), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.InPerson,
            }).ResponseAsync));
        }
        return [.. ids.Select(id => (id, 1L))];
    }
}
