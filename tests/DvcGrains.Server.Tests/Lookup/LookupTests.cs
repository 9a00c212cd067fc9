using System.Net;
using System.Text;
using System.Text.Json;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Google.Protobuf;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Lookup;

/// <summary>
/// Dossiers.Lookup on each storage, over gRPC and JSON: what it tells and withholds, a wrong code answered as a dossier
/// that does not exist, each client's budget of wrong guesses, and the look-up code a Submit gives.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public abstract class LookupTests<TServer>(TServer fixture) where TServer : LookupServer
{
    private RunningServer Server => fixture.Server;

    private LateDossier Late => fixture.Late;

    [Fact]
    public async Task A_look_up_tells_what_the_receipt_and_the_desk_tell_and_nothing_else()
    {
        using var response = await Server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{Late.DossierId}:lookup",
            WebPortal.Body(new LookupRequest { LookupCode = Late.LookupCode }));
        var json = await response.Content.ReadAsStringAsync();
        // Typed as a person may type it.
        var overGrpc = await Server.Dossiers.LookupAsync(new LookupRequest
        {
            DossierId = Late.DossierId, LookupCode = $"{Late.LookupCode[..4].ToLowerInvariant()}-{Late.LookupCode[4..]}",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lookup = JsonParser.Default.Parse<DossierLookup>(json);
        Assert.Equal(lookup, overGrpc);
        Assert.Equal(
            ["apologies", "appointmentAt", "dossierId", "personalDataErased", "procedureCode", "procedureName", "status", "steps", "submittedAt", "timeliness", "unit"],
            JsonDocument.Parse(json).RootElement.EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal));
        Assert.Equal((Late.DossierId, DossierStatus.Processing, Timeliness.Overdue), (lookup.DossierId, lookup.Status, lookup.Timeliness));
        Assert.Equal((Late.Procedure.Code, Late.Procedure.Name), (lookup.ProcedureCode, lookup.ProcedureName));
        Assert.Equal(Late.Unit, lookup.Unit);
        Assert.Equal((Late.SubmittedAt, Late.NewAppointment), (lookup.SubmittedAt.ToDateTimeOffset(), lookup.AppointmentAt.ToDateTimeOffset()));
        // The status of each change, not of the part payment's, the sync's or the apology's commands.
        DossierStatus[] changes =
        [
            DossierStatus.Submitted, DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested,
            DossierStatus.Processing, DossierStatus.PaymentRequested, DossierStatus.Processing,
        ];
        Assert.Equal(changes.Select((status, i) => new LookupStep { Status = status, At = Late.History[i].At }), lookup.Steps);
        Assert.Equal(
            [new ApologySlip { IssuedAt = Late.History[^1].At, Reason = LateDossier.ApologyReason, NewAppointment = lookup.AppointmentAt }],
            lookup.Apologies);
        var told = Scalars(JsonDocument.Parse(json).RootElement).ToList();
        Assert.All(LateDossier.Withheld, withheld => Assert.DoesNotContain(told, text => text.Contains(withheld, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(told, text => text.Contains(Late.LookupCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_empty_or_guessed_code_answers_as_a_dossier_that_does_not_exist_byte_for_byte()
    {
        using var guesser = LoopbackClient.Of(Server);
        var other = Late.LookupCode == "ACEF3479" ? "ACEF3478" : "ACEF3479";
        (string Id, string Code)[] asked =
        [
            (Late.Missing, Late.LookupCode), (Late.Missing, ""), (Late.DossierId, other), (Late.DossierId, ""),
            (Late.DossierId, other.ToLowerInvariant()), (Late.DossierId, "not a look-up code at all"), (Late.DossierId, Late.LookupCode[..7]),
        ];
        var overGrpc = new List<string>();
        var overJson = new List<string>();

        foreach (var (id, code) in asked)
        {
            var e = await Fails(() => guesser.Dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code }).ResponseAsync);
            overGrpc.Add(Anonymised(Answer(e), id));
            using var response = await guesser.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(new LookupRequest { LookupCode = code }));
            overJson.Add(Anonymised(await Answer(response), id));
        }

        Assert.All(overGrpc, answer => Assert.Equal(overGrpc[0], answer));
        Assert.All(overJson, answer => Assert.Equal(overJson[0], answer));
        var refusal = await Fails(() => guesser.Dossiers.LookupAsync(new LookupRequest { DossierId = Late.Missing }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "DOSSIER_NOT_FOUND"), (refusal.StatusCode, refusal.Reason()));
        Assert.StartsWith("404|", overJson[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_guesses_are_refused_per_client_address_on_both_transports_once_its_budget_is_spent_and_right_codes_cost_none()
    {
        using var guesser = LoopbackClient.Of(Server);
        var client = guesser.Dossiers;
        var right = new LookupRequest { DossierId = Late.DossierId, LookupCode = Late.LookupCode };
        var wrong = new LookupRequest { DossierId = Late.Missing, LookupCode = Late.LookupCode };

        for (var i = 0; i < LookupServer.WrongGuesses; i++)
        {
            Assert.Equal(Late.DossierId, (await client.LookupAsync(right)).DossierId);
            if (i % 2 == 0)
            {
                Assert.Equal(StatusCode.NotFound, (await Fails(() => client.LookupAsync(wrong).ResponseAsync)).StatusCode);
            }
            else
            {
                using var notFound = await guesser.Http.Send(HttpMethod.Post, $"/v1/dossiers/{Late.Missing}:lookup", WebPortal.Body(wrong));
                Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            }
        }
        var overGrpc = await Fails(() => client.LookupAsync(right).ResponseAsync);
        using var overJson = await guesser.Http.Send(HttpMethod.Post, $"/v1/dossiers/{Late.DossierId}:lookup", WebPortal.Body(right));

        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (overGrpc.StatusCode, overGrpc.Reason()));
        Assert.InRange(overGrpc.Details().RetryDelay()!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1) / LookupServer.WrongGuesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, overJson.StatusCode);
        Assert.Equal("OVERLOADED", (await overJson.Details()).Info().Reason);
        using var another = LoopbackClient.Of(Server);
        using var anotherWrong = await another.Http.Send(HttpMethod.Post, $"/v1/dossiers/{Late.Missing}:lookup", WebPortal.Body(wrong));
        using var anotherRight = await another.Http.Send(HttpMethod.Post, $"/v1/dossiers/{Late.DossierId}:lookup", WebPortal.Body(right));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (anotherWrong.StatusCode, anotherRight.StatusCode));
    }

    [Fact]
    public async Task A_retried_submit_keeps_its_code_which_replies_and_get_show_and_lists_and_the_feed_withhold()
    {
        var id = NewDossierId();
        var submit = new SubmitRequest { Meta = Meta(id), UnitCode = Late.Unit.Code, ProcedureCode = Late.Procedure.Code, Channel = Channel.InPerson };

        var first = await Server.Dossiers.SubmitAsync(submit);
        var retried = await Server.Dossiers.SubmitAsync(submit);
        var code = first.Dossier.LookupCode;

        Assert.Matches("^[34679ACEFHJKMNPRTWXY]{8}$", code);
        Assert.Equal((code, true), (retried.Dossier.LookupCode, retried.Replayed));
        Assert.Equal(code, (await Server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).LookupCode);
        Assert.Equal(DossierStatus.Received, (await Server.Dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code })).Status);
        var listed = (await Server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = Late.Unit.Code, PageSize = 1000 })).Dossiers;
        Assert.Contains(listed, dossier => dossier.DossierId == id);
        Assert.All(listed, dossier => Assert.Equal("", dossier.LookupCode));
        var changes = await FeedReader.ReadUntil(Server.Dossiers, new WatchChangesRequest { UnitCode = Late.Unit.Code },
            received => received.Any(change => change.Dossier.DossierId == id));
        Assert.All(changes, change => Assert.Equal("", change.Dossier.LookupCode));
    }

    /// <summary>Every scalar of a JSON document as text: strings decoded, numbers as written.</summary>
    private static IEnumerable<string> Scalars(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(field => Scalars(field.Value).Prepend(field.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Scalars),
        JsonValueKind.String => [element.GetString()!],
        _ => [element.GetRawText()],
    };

    /// <summary>
    /// A gRPC refusal as the client received it: status, message and every trailer but the date (an answer without a
    /// message has its headers among them), binary ones byte for byte.
    /// </summary>
    private static string Answer(RpcException e) =>
        $"{e.StatusCode}|{e.Status.Detail}|" + string.Join("|", e.Trailers.Where(trailer => trailer.Key != "date").Select(trailer =>
            $"{trailer.Key}={(trailer.IsBinary ? Encoding.Latin1.GetString(trailer.ValueBytes) : trailer.Value)}"));

    /// <summary>A JSON refusal as the client received it: status, every header but the date, and the body byte for byte.</summary>
    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key != "Date")
            .Select(header => $"{header.Key}={string.Join(",", header.Value)}")
            .Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode}|{string.Join("|", headers)}|{Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync())}";
    }

    /// <summary>The answer with the dossier id asked for blanked: what is left must not tell one dossier from another.</summary>
    private static string Anonymised(string answer, string dossierId) => answer.Replace(dossierId, new string('#', dossierId.Length), StringComparison.Ordinal);
}

public sealed class EmbeddedLookupTests(EmbeddedLookupServer fixture) : LookupTests<EmbeddedLookupServer>(fixture), IClassFixture<EmbeddedLookupServer>;

public sealed class PostgresLookupTests(PostgresLookupServer fixture) : LookupTests<PostgresLookupServer>(fixture), IClassFixture<PostgresLookupServer>;
