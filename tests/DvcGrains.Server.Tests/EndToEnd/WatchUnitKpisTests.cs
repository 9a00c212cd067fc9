using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

[Collection(SharedServer.Name)]
public sealed class WatchUnitKpisTests(RunningServer server)
{
    [Fact]
    public async Task A_watch_sends_the_kpis_then_each_change_and_ends_when_the_client_leaves()
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = server.Kpis.WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "22", Period = new Period { Kind = PeriodKind.Year } }, cancellationToken: leave.Token);
        var stream = watch.ResponseStream;

        Assert.True(await stream.MoveNext(leave.Token));
        var first = stream.Current;
        Assert.Equal("22", first.Unit.Code);

        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddMinutes(-1)), UnitCode = "22", ProcedureCode = procedure, Channel = Channel.Online });

        Assert.True(await stream.MoveNext(leave.Token));
        var second = stream.Current;
        Assert.Equal(first.Counters.Received + 1, second.Counters.Received);
        Assert.True(second.AsOf.ToDateTimeOffset() - first.AsOf.ToDateTimeOffset() >= TimeSpan.FromSeconds(0.9), "at most one snapshot a second");

        await leave.CancelAsync();
        var e = await Assert.ThrowsAsync<RpcException>(() => stream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
    }
}
