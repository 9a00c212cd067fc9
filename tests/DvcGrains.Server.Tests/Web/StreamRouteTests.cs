using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>WatchChanges and WatchUnitKpis at their routes: one JSON message a line, as the transcoding streams, as they commit.</summary>
[Collection(SharedServer.Name)]
public sealed class StreamRouteTests(RunningServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Communes of province 56 that no other test files dossiers in: their streams carry only this test's commands.</summary>
    private async Task<string> QuietCommune(int index) =>
        (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "56" })).Units[index].Code;

    private Task<DossierReply> Submit(string id, string unit) =>
        server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.Online }).ResponseAsync;

    [Fact]
    public async Task Changes_stream_as_json_lines_in_commit_order_and_resume_after_a_position()
    {
        var commune = await QuietCommune(0);
        var (first, second) = (NewDossierId(), NewDossierId());
        await Submit(first, commune);
        await Submit(second, commune);
        await server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(first) });
        using var cancel = new CancellationTokenSource(Deadline);

        var changes = await server.Http.Stream<DossierChange>($"/v1/changes?unitCode={commune}", cancel.Token).Take(3).ToListAsync(cancel.Token);
        var resumed = await server.Http.Stream<DossierChange>($"/v1/changes?unitCode={commune}&after={changes[0].Position}", cancel.Token).Take(2).ToListAsync(cancel.Token);
        using var overGrpc = server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = commune }, cancellationToken: cancel.Token);
        var grpcChanges = await overGrpc.ResponseStream.ReadAllAsync(cancel.Token).Take(3).ToListAsync(cancel.Token);

        Assert.Equal([(first, "Submit"), (second, "Submit"), (first, "Receive")], changes.Select(c => (c.Dossier.DossierId, c.Event.Command)));
        Assert.Equal(changes.Skip(1), resumed);
        Assert.Equal(grpcChanges, changes);
    }

    [Fact]
    public async Task Unit_kpis_stream_now_and_again_when_a_dossier_changes_them()
    {
        var commune = await QuietCommune(1);
        using var cancel = new CancellationTokenSource(Deadline);
        await using var watch = server.Http.Stream<UnitKpis>($"/v1/units/{commune}/kpis:watch?period.kind=MONTH", cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await watch.MoveNextAsync());
        var now = watch.Current;
        await Submit(NewDossierId(), commune);
        UnitKpis? updated = null;
        while (updated is null && await watch.MoveNextAsync())
        {
            updated = watch.Current.Counters.Received > now.Counters.Received ? watch.Current : null;
        }

        Assert.Equal((commune, PeriodKind.Month, 0L), (now.Unit.Code, now.Period.Kind, now.Counters.Received));
        Assert.Equal((1L, 1L), (updated?.Counters.Received, updated?.Counters.ReceivedOnline));
    }
}
