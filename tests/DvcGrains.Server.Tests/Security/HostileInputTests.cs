using System.Net;
using System.Net.Http.Headers;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>The hostile inputs of issue 9, each found by trying it: refused with the contract's status and reason, quoted and cut, changing nothing.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class HostileInputTests(SecureServer secure)
{
    private const string Procedure = "1.001193";

    private string Token => secure.Pki.Token("portal-hostile");

    private Dossiers.DossiersClient Dossiers => secure.Dossiers(Token);

    private Api.V1.Kpis.KpisClient Kpis => secure.Kpis(Token);

    /// <summary>A dossier filed in person at <paramref name="t0"/> and in processing a minute later.</summary>
    private async Task<string> ProcessingSince(DateTimeOffset t0)
    {
        var id = NewDossierId();
        await Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = Procedure, Channel = Channel.InPerson });
        await Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)) });
        return id;
    }

    private static void AssertRefused(RpcException e, StatusCode code, string reason)
    {
        Assert.Equal((code, reason), (e.StatusCode, e.Reason()));
        Assert.True(e.Status.Detail.Length < 1_000, $"a refusal's message stays short; got {e.Status.Detail.Length} characters");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2100-01-01")]
    public async Task Kpi_reads_of_a_date_outside_2000_to_2099_are_invalid_arguments(string date)
    {
        var period = new Period { Kind = PeriodKind.Year, Date = date };
        var kpis = await Fails(() => Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "VN", Period = period }).ResponseAsync);
        var ranking = await Fails(() => Kpis.GetRankingAsync(new GetRankingRequest { Period = period }).ResponseAsync);
        using var watch = Kpis.WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "VN", Period = period });
        var watched = await Fails(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        AssertRefused(kpis, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        AssertRefused(ranking, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        AssertRefused(watched, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Contains(date, kpis.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_never_allocated_for_a_day_whose_yymmdd_another_century_shares()
    {
        var old = await Fails(() => Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "1925-06-01" }).ResponseAsync);
        var current = await Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "2025-06-01" });

        AssertRefused(old, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.StartsWith("01-250601-", current.DossierId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50000_character_unit_code_is_refused_with_a_short_message_quoting_its_start()
    {
        // Within the 64 KiB a request of these methods may carry (RequestBodyLimitTests), so that the services judge it.
        var huge = new string('0', 50_000);
        var code = await Fails(() => Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = huge }).ResponseAsync);
        var kpis = await Fails(() => Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = huge }).ResponseAsync);
        var line = await Fails(() => Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "01\nFORGED LOG LINE" }).ResponseAsync);

        AssertRefused(code, StatusCode.InvalidArgument, "UNKNOWN_UNIT");
        AssertRefused(kpis, StatusCode.InvalidArgument, "UNKNOWN_UNIT");
        Assert.Contains("(50,000 characters)", code.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("\"01\\nFORGED LOG LINE\"", line.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_indicators_for_a_far_date_are_refused_before_anything_is_written()
    {
        var request = new SetExternalIndicatorsRequest { UnitCode = "31", Period = new Period { Kind = PeriodKind.Year, Date = "9999-06-01" }, Rates = { ["procedures_complete"] = 1 } };
        var before = await Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "31", Period = new Period { Kind = PeriodKind.Year } });

        var e = await Fails(() => Kpis.SetExternalIndicatorsAsync(request).ResponseAsync);
        var after = await Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "31", Period = new Period { Kind = PeriodKind.Year } });

        AssertRefused(e, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Equal(before.Scores.Select(s => s.MeasuredMax), after.Scores.Select(s => s.MeasuredMax));
    }

    [Fact]
    public async Task An_apology_promising_a_year_9999_appointment_is_a_bad_time()
    {
        var id = await ProcessingSince(DateTimeOffset.UtcNow.AddDays(-40));

        var e = await Fails(() => Dossiers.IssueApologyAsync(new IssueApologyRequest
        {
            Meta = Meta(id), Reason = "chậm", NewAppointment = Timestamp.FromDateTimeOffset(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        }).ResponseAsync);

        AssertRefused(e, StatusCode.InvalidArgument, "BAD_TIME");
        Assert.Equal(2, (await Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Theory]
    [InlineData(1_000_000, 0)]
    [InlineData(0, int.MaxValue)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public async Task A_processing_time_beyond_a_year_is_refused_and_the_catalog_keeps_its_entry(int days, int hours)
    {
        var catalog = secure.Catalog(Token);
        var procedures = await catalog.ListProceduresAsync(new ListProceduresRequest());

        var e = await Fails(() => catalog.UpsertProcedureAsync(new Api.V1.Procedure(procedures.Procedures[0]) { ProcessingWorkingDays = days, ProcessingHours = hours }).ResponseAsync);

        AssertRefused(e, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Equal(procedures, await catalog.ListProceduresAsync(new ListProceduresRequest()));
    }

    [Fact]
    public async Task Fees_that_would_overflow_the_sums_are_refused()
    {
        var id = await ProcessingSince(DateTimeOffset.UtcNow.AddHours(-1));

        var e = await Fails(() => Dossiers.RequestPaymentAsync(new RequestPaymentRequest { Meta = Meta(id), AmountVnd = long.MaxValue }).ResponseAsync);

        AssertRefused(e, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Equal(2, (await Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Fact]
    public async Task A_dossier_of_200_events_is_kept_whole()
    {
        var id = NewDossierId();
        await Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, DateTimeOffset.UtcNow.AddDays(-3)), UnitCode = "01", ProcedureCode = Procedure, Channel = Channel.InPerson });
        for (var synced = 0; synced < 199; synced++)
        {
            await Dossiers.MarkSyncedAsync(new MarkSyncedRequest { Meta = Meta(id) });
        }

        var dossier = await Dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });

        Assert.Equal((200L, 200), (dossier.Version, dossier.History.Count));
    }

    [Fact]
    public async Task A_dossier_grown_by_huge_supplements_is_bounded_and_its_reply_still_fits()
    {
        var t0 = DateTimeOffset.UtcNow.AddDays(-3);
        var id = NewDossierId();
        var components = Enumerable.Range(0, 200).Select(i => new Component { Name = $"{i:D3}" + new string('ả', 1_997) }).ToList();
        await Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = Procedure, Channel = Channel.InPerson, Components = { components } });
        await Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)) });
        await Dossiers.RequestSupplementAsync(new ReasonRequest { Meta = Meta(id, t0.AddMinutes(2)), Reason = "bổ sung" });
        await Dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = Meta(id, t0.AddMinutes(3)), Components = { components } });
        await Dossiers.RequestSupplementAsync(new ReasonRequest { Meta = Meta(id, t0.AddMinutes(4)), Reason = "bổ sung" });

        var tooLarge = await Fails(() => Dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = Meta(id, t0.AddMinutes(5)), Components = { components } }).ResponseAsync);
        var dossier = await Dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });

        AssertRefused(tooLarge, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Equal((5L, 400), (dossier.Version, dossier.Components.Count));
    }

    [Fact]
    public async Task A_request_larger_than_any_valid_call_and_a_body_that_is_no_message_are_invalid_arguments()
    {
        var huge = Enumerable.Range(0, 2_000).Select(i => new Component { Name = new string('x', 1_999) });
        var tooLarge = await Fails(() => Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId()), UnitCode = "01", ProcedureCode = Procedure, Channel = Channel.InPerson, Components = { huge },
        }).ResponseAsync);
        var (status, reason) = await PostRaw("/dvc.v1.Dossiers/Get", [0, 0, 0, 0, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        AssertRefused(tooLarge, StatusCode.InvalidArgument, "INVALID_ARGUMENT");
        Assert.Equal(("3", "INVALID_ARGUMENT"), (status, reason));
    }

    /// <summary>A gRPC call whose body is the given bytes (a length-prefixed frame), as a hostile client sends it.</summary>
    private async Task<(string? Status, string? Reason)> PostRaw(string path, byte[] body)
    {
        using var http = new HttpClient(secure.Pki.Handler());
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://127.0.0.1:{secure.Server.GrpcPort}{path}")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = content,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string? Field(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var trailing) ? trailing.Single()
            : response.Headers.TryGetValues(name, out var leading) ? leading.Single() : null;
        return (Field("grpc-status"), Field("dvc-error"));
    }
}
