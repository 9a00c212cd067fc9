using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

/// <summary>A request id answers its first reply for the dossier's whole life; another command under it is refused.</summary>
[Collection(SharedServer.Name)]
public sealed class IdempotencyTests(RunningServer server)
{
    [Fact]
    public async Task Every_request_id_replays_its_first_reply_also_after_seventy_later_commands()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-2);
        var id = NewDossierId();
        var submit = new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson };
        var start = new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)), Department = "Phòng Tư pháp" };
        await server.Dossiers.SubmitAsync(submit);
        await server.Dossiers.StartProcessingAsync(start);
        var syncs = Enumerable.Range(0, 70).Select(i => new MarkSyncedRequest { Meta = Meta(id, t0.AddMinutes(2 + i)) }).ToList();
        foreach (var sync in syncs)
        {
            await server.Dossiers.MarkSyncedAsync(sync);
        }

        var submitAgain = await server.Dossiers.SubmitAsync(submit);
        var startAgain = await server.Dossiers.StartProcessingAsync(start);
        var tenthSyncAgain = await server.Dossiers.MarkSyncedAsync(syncs[9]);
        var now = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id });

        Assert.Equal((true, 1L, DossierStatus.Received), (submitAgain.Replayed, submitAgain.Dossier.Version, submitAgain.Dossier.Status));
        Assert.Equal((true, 2L, DossierStatus.Processing), (startAgain.Replayed, startAgain.Dossier.Version, startAgain.Dossier.Status));
        Assert.Equal((true, 12L), (tenthSyncAgain.Replayed, tenthSyncAgain.Dossier.Version));
        Assert.Equal(72, now.Version);
    }

    [Fact]
    public async Task The_same_request_id_with_another_command_is_an_invalid_argument_and_changes_nothing()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-2);
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0, requestId: "desk-1"), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson });
        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1), requestId: "desk-2"), Department = "A" });

        var otherCommand = await Fails(() => server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest
        {
            Meta = Meta(id, t0.AddMinutes(2), requestId: "desk-1"), ResultCode = "KQ",
        }).ResponseAsync);
        var otherContent = await Fails(() => server.Dossiers.StartProcessingAsync(new StartProcessingRequest
        {
            Meta = Meta(id, t0.AddMinutes(1), requestId: "desk-2"), Department = "B",
        }).ResponseAsync);
        var now = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id });

        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (otherCommand.Reason(), otherCommand.StatusCode));
        Assert.Contains("\"desk-1\"", otherCommand.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Submit", otherCommand.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (otherContent.Reason(), otherContent.StatusCode));
        Assert.Equal((2L, DossierStatus.Processing), (now.Version, now.Status));
    }
}
