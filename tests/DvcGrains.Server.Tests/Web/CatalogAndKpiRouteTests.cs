using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Web;

/// <summary>Catalog and Kpis at their routes, answering as their RPCs do.</summary>
[Collection(SharedServer.Name)]
public sealed class CatalogAndKpiRouteTests(RunningServer server)
{
    private async Task<T> Get<T>(string path) where T : Google.Protobuf.IMessage<T>, new()
    {
        using var response = await server.Http.Send(HttpMethod.Get, path);
        return await response.Reply<T>();
    }

    /// <summary>KPIs as of another instant are the same KPIs.</summary>
    private static T WithoutAsOf<T>(T message) where T : Google.Protobuf.IMessage<T>
    {
        var copy = message.Clone();
        copy.Descriptor.FindFieldByName("as_of").Accessor.Clear(copy);
        return copy;
    }

    [Fact]
    public async Task Units_answer_at_their_routes()
    {
        var communes = await Get<ListUnitsReply>("/v1/units?parentCode=79");
        var unit = await Get<Unit>("/v1/units/79");

        Assert.Equal((await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "79" })).Units, communes.Units);
        Assert.NotEmpty(communes.Units);
        Assert.Equal(await server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "79" }), unit);
        Assert.Equal(UnitLevel.Province, unit.Level);
    }

    [Fact]
    public async Task A_procedure_is_put_at_its_code_and_listed()
    {
        var code = $"WEB.{Guid.NewGuid():N}"[..20];
        var procedure = new Procedure { Name = "Cấp phép thử nghiệm", ProcessingWorkingDays = 5, FeeVnd = 30_000, FullProcessOnline = true };

        using var response = await server.Http.Send(HttpMethod.Put, $"/v1/procedures/{code}", WebPortal.Body(procedure));
        var stored = await response.Reply<Procedure>();

        Assert.Equal((code, "Cấp phép thử nghiệm", 5, 30_000L), (stored.Code, stored.Name, stored.ProcessingWorkingDays, stored.FeeVnd));
        Assert.Contains(stored, (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures);
    }

    [Fact]
    public async Task Kpis_and_rankings_take_their_period_and_filters_as_query_parameters()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var period = new Period { Kind = PeriodKind.Quarter, Date = today };

        var kpis = await Get<UnitKpis>($"/v1/units/01/kpis?period.kind=QUARTER&period.date={today}");
        var ranking = await Get<Ranking>($"/v1/rankings?level=PROVINCE&limit=5&period.kind=QUARTER&period.date={today}");
        var communes = await Get<Ranking>("/v1/rankings?level=COMMUNE&parentCode=01&limit=3");
        var withScores = await Get<Ranking>($"/v1/rankings?level=PROVINCE&limit=5&period.kind=QUARTER&period.date={today}&includeScores=true");

        Assert.Equal(WithoutAsOf(await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "01", Period = period })), WithoutAsOf(kpis));
        Assert.Equal(PeriodKind.Quarter, kpis.Period.Kind);
        Assert.Equal(WithoutAsOf(await server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.Province, Limit = 5, Period = period })), WithoutAsOf(ranking));
        Assert.Equal(5, ranking.Entries.Count);
        Assert.Equal(3, communes.Entries.Count);
        Assert.All(communes.Entries, entry => Assert.Equal(("01", UnitLevel.Commune), (entry.Unit.ParentCode, entry.Unit.Level)));
        // The six groups of the official 766 table come only when asked for, as each province's own report gives them.
        Assert.All(ranking.Entries, entry => Assert.Empty(entry.Scores));
        Assert.Equal(["transparency", "progress", "online_services", "online_payment", "digitization", "satisfaction"], withScores.Entries[0].Scores.Select(s => s.Group));
        var first = await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = withScores.Entries[0].Unit.Code, Period = period });
        Assert.Equal(first.Scores, withScores.Entries[0].Scores);
    }

    [Fact]
    public async Task External_indicators_are_posted_to_the_unit_and_scored()
    {
        var request = new SetExternalIndicatorsRequest
        {
            Period = new Period { Kind = PeriodKind.Month, Date = "2026-01-15" }, Rates = { ["feedback_satisfaction"] = 0.5, ["procedures_complete"] = 1 },
        };

        using var response = await server.Http.Send(HttpMethod.Post, "/v1/units/80/indicators", WebPortal.Body(request));
        var scored = await response.Reply<UnitKpis>();
        var read = await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "80", Period = request.Period });

        Assert.Equal("80", scored.Unit.Code);
        Assert.Equal(WithoutAsOf(read), WithoutAsOf(scored));
        Assert.Contains(scored.Scores, score => score.Group == "satisfaction" && score.MeasuredMax > 0);
    }
}
