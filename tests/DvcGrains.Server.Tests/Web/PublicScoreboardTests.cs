using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;
using static Microsoft.Playwright.Assertions;

namespace DvcGrains.Server.Tests.Web;

/// <summary>A server with JWT on and the scoreboard opened by its operator (Dvc:Web:PublicScoreboard true).</summary>
public sealed class OpenScoreboardServer : IAsyncLifetime
{
    public SecureServer Secure { get; } = SecureServer.WithArguments("--Dvc:Web:PublicScoreboard", "true");

    public HttpClient Http => Secure.Server.Http;

    public Task InitializeAsync() => Secure.InitializeAsync();

    public Task DisposeAsync() => Secure.DisposeAsync();
}

/// <summary>With JWT on and the scoreboard public, the page and its KPI reads answer without a token, and nothing else does.</summary>
public sealed class PublicScoreboardTests(OpenScoreboardServer open) : IClassFixture<OpenScoreboardServer>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/scoreboard.js")]
    [InlineData("/scoreboard.css")]
    public async Task The_page_is_served_without_a_token(string path)
    {
        using var response = await open.Http.Send(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_reads_answer_without_a_token()
    {
        using var ranking = await open.Http.Send(HttpMethod.Get, "/v1/rankings?level=PROVINCE&period.kind=MONTH");
        using var kpis = await open.Http.Send(HttpMethod.Get, "/v1/units/01/kpis?period.kind=QUARTER");
        using var units = await open.Http.Send(HttpMethod.Get, "/v1/units?parentCode=01");
        using var unit = await open.Http.Send(HttpMethod.Get, "/v1/units/01");

        Assert.Equal(34, (await ranking.Reply<Ranking>()).Entries.Count);
        Assert.Equal(PeriodKind.Quarter, (await kpis.Reply<UnitKpis>()).Period.Kind);
        Assert.All((await units.Reply<ListUnitsReply>()).Units, commune => Assert.Equal("01", commune.ParentCode));
        Assert.Equal("Thành phố Hà Nội", (await unit.Reply<Unit>()).Name);
    }

    [Fact]
    public async Task A_kpi_watch_streams_without_a_token()
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = await open.Http.Stream<UnitKpis>("/v1/units/01/kpis:watch?period.kind=MONTH", leave.Token).FirstAsync(leave.Token);

        Assert.Equal("01", first.Unit.Code);
    }

    [Fact]
    public async Task A_submit_without_a_token_is_unauthenticated_and_files_nothing()
    {
        var id = NewDossierId();
        var procedure = (await open.Secure.Catalog(open.Secure.Pki.Token()).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;

        using var response = await open.Http.Send(HttpMethod.Post, "/v1/dossiers",
            WebPortal.Body(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online }));

        var refusal = await response.Details();
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (response.StatusCode, refusal.Info().Reason));
        Assert.Contains("bearer token", refusal.Message, StringComparison.OrdinalIgnoreCase);
        var e = await Fails(() => open.Secure.Dossiers(open.Secure.Pki.Token()).GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/procedures")]
    [InlineData("GET", "/v1/dossiers?unitCode=01")]
    [InlineData("GET", "/v1/dossiers/E2E-NOT-THERE")]
    [InlineData("GET", "/v1/changes?unitCode=01")]
    [InlineData("POST", "/v1/codes:allocate")]
    [InlineData("POST", "/v1/units/01/indicators")]
    public async Task Every_other_call_without_a_token_is_unauthenticated(string method, string path)
    {
        using var response = await open.Http.Send(new HttpMethod(method), path, method == "POST" ? WebPortal.Body("{}") : null);

        Assert.Equal("UNAUTHENTICATED", (await response.Details()).Info().Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_token_on_a_public_read_is_still_refused()
    {
        using var response = await open.Http.Send(HttpMethod.Get, "/v1/rankings", token: "abc.def.ghi");

        Assert.Equal("UNAUTHENTICATED", (await response.Details()).Info().Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_grpc_port_still_wants_a_token_for_the_same_reads()
    {
        var e = await Fails(() => open.Secure.Server.Kpis.GetRankingAsync(new GetRankingRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }
}

/// <summary>With JWT on and Dvc:Web:PublicScoreboard unset, there is no page and its reads want a token like any call.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class ClosedScoreboardTests(SecureServer secure)
{
    [Fact]
    public async Task With_authentication_the_scoreboard_is_closed_unless_the_operator_opens_it()
    {
        using var page = await secure.Server.Http.Send(HttpMethod.Get, "/");
        using var ranking = await secure.Server.Http.Send(HttpMethod.Get, "/v1/rankings");
        using var withToken = await secure.Server.Http.Send(HttpMethod.Get, "/v1/rankings", token: secure.Pki.Token());

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await ranking.Details()).Info().Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, ranking.StatusCode);
        Assert.Equal(34, (await withToken.Reply<Ranking>()).Entries.Count);
    }
}

/// <summary>The public scoreboard of a server with TLS and JWT, in a browser that sends no token.</summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class PublicScoreboardBrowserTests(OpenScoreboardServer open, HeadlessChromium chromium)
    : IClassFixture<OpenScoreboardServer>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task The_page_ranks_and_follows_the_provinces_without_a_token()
    {
        await using var tab = await BrowserTab.Open(chromium, $"{open.Secure.Server.WebAddress}/", testCa: true);

        await Expect(tab.Page.Locator("#ranking tbody tr")).ToHaveCountAsync(34, new() { Timeout = 20_000 });
        await Expect(tab.Page.Locator("#live")).ToHaveTextAsync("Đang cập nhật", new() { Timeout = 20_000 });
        await Expect(tab.Page.Locator("#error")).ToBeHiddenAsync();
        tab.AssertNoConsoleErrors();
    }
}
