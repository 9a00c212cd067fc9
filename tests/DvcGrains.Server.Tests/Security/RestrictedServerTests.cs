using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>A server with KPIs kept private, reflection off and a tight rate limit per caller.</summary>
public sealed class RestrictedServerTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments(
        "--Dvc:Auth:PublicKpis", "false",
        "--Dvc:Grpc:Reflection", "false",
        "--Dvc:RateLimit:PerSecond", "1",
        "--Dvc:RateLimit:Burst", "5");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task Private_kpis_need_the_kpis_read_role_and_the_unit()
    {
        var noRole = _secure.Pki.Token("kpi-no-role", units: ["01"], roles: []);
        var haNoi = _secure.Pki.Token("kpi-ha-noi", units: ["01"], roles: ["kpis.read"]);

        var withoutRole = await Fails(() => _secure.Kpis(noRole).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "01" }).ResponseAsync);
        var otherUnit = await Fails(() => _secure.Kpis(haNoi).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "79" }).ResponseAsync);
        var nationalRanking = await Fails(() => _secure.Kpis(haNoi).GetRankingAsync(new GetRankingRequest()).ResponseAsync);
        var own = await _secure.Kpis(haNoi).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "01" });
        var communes = await _secure.Kpis(haNoi).GetRankingAsync(new GetRankingRequest { Level = UnitLevel.Commune, ParentCode = "01", Limit = 2 });

        Assert.Equal(("FORBIDDEN", "FORBIDDEN", "FORBIDDEN"), (withoutRole.Reason(), otherUnit.Reason(), nationalRanking.Reason()));
        Assert.Equal("01", own.Unit.Code);
        Assert.Equal(2, communes.Entries.Count);
    }

    [Fact]
    public async Task A_caller_over_its_rate_is_overloaded_while_another_caller_is_served()
    {
        var greedy = _secure.Catalog(_secure.Pki.Token("greedy-portal"));
        RpcException? refused = null;
        for (var call = 0; call < 50 && refused is null; call++)
        {
            try
            {
                await greedy.GetUnitAsync(new GetUnitRequest { Code = "01" });
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }

        var other = await _secure.Catalog(_secure.Pki.Token("patient-portal")).GetUnitAsync(new GetUnitRequest { Code = "01" });

        Assert.NotNull(refused);
        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (refused.StatusCode, refused.Reason()));
        Assert.Contains("greedy-portal", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("01", other.Code);
    }

    [Fact]
    public async Task Reflection_can_be_switched_off()
    {
        using var call = new ServerReflection.ServerReflectionClient(_secure.Server.Channel).ServerReflectionInfo();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}
