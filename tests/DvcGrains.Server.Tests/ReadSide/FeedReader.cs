using DvcGrains.Api.V1;
using Grpc.Core;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>Reads a WatchChanges stream until it has what a test waits for, or a deadline passes.</summary>
public static class FeedReader
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The changes received until <paramref name="done"/> holds of them (the stream is then left). A stream ended
    /// because the reader fell behind (RESOURCE_EXHAUSTED, as on a busy machine) is resumed from the last position
    /// received, as the contract tells a client to.
    /// </summary>
    public static async Task<List<DossierChange>> ReadUntil(
        Dossiers.DossiersClient client, WatchChangesRequest request, Func<IReadOnlyList<DossierChange>, bool> done)
    {
        using var stop = new CancellationTokenSource(Deadline);
        var changes = new List<DossierChange>();
        try
        {
            while (!done(changes))
            {
                var resume = changes.Count == 0 ? request : new WatchChangesRequest { UnitCode = request.UnitCode, After = changes[^1].Position };
                using var call = client.WatchChanges(resume, cancellationToken: stop.Token);
                try
                {
                    while (!done(changes) && await call.ResponseStream.MoveNext(stop.Token))
                    {
                        changes.Add(call.ResponseStream.Current);
                    }
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && !stop.IsCancellationRequested)
                {
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
            Assert.Fail($"The feed did not deliver what was waited for within {Deadline.TotalSeconds} s; {changes.Count} changes came.");
        }
        return changes;
    }

    /// <summary>Every command of <paramref name="dossiers"/>, as (dossier, version).</summary>
    public static HashSet<(string, long)> CommandsOf(IEnumerable<Dossier> dossiers) =>
        [.. dossiers.SelectMany(d => Enumerable.Range(1, (int)d.Version).Select(v => (d.DossierId, (long)v)))];

    public static bool HasAll(IEnumerable<DossierChange> changes, IReadOnlySet<(string, long)> commands) =>
        commands.IsSubsetOf(changes.Select(c => (c.Dossier.DossierId, c.Event.Version)));
}
