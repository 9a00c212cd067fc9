using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Grpc;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>What dossier commands did: transitions by command and resulting status, refusals by reason.</summary>
public static class DossierMetrics
{
    private static readonly Counter Applied = Metrics.CreateCounter(
        "dvc_dossier_commands_total", "Dossier commands applied (retries answered from memory excluded), by command and resulting status.",
        "command", "status");

    private static readonly Counter Refused = Metrics.CreateCounter(
        "dvc_dossier_refusals_total", "Dossier commands refused, by command and reason.", "command", "reason");

    public static void Record(DossierCommand command, DossierReply reply)
    {
        if (reply.Rejection is { } rejection)
        {
            Refused.WithLabels(command.Name, DvcErrors.ReasonName(rejection.Reason)).Inc();
        }
        else if (!reply.Replayed)
        {
            Applied.WithLabels(command.Name, reply.Dossier!.Status.ToContractName()).Inc();
        }
    }
}
