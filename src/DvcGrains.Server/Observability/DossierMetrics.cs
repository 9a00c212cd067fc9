using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Edge;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// What dossier commands did: transitions by command and resulting status. Refusals are counted with every other
/// refusal, by their dvc-error reason, in <see cref="GrpcCallMetrics"/>.
/// </summary>
public static class DossierMetrics
{
    private static readonly Counter Applied = Metrics.CreateCounter(
        "dvc_dossier_commands_total", "Dossier commands applied (retries answered from memory excluded), by command and resulting status.",
        "command", "status");

    public static void Record(DossierCommand command, DossierReply reply)
    {
        if (reply.Rejection is null && !reply.Replayed)
        {
            Applied.WithLabels(command.Name, reply.Dossier!.Status.ToContractName()).Inc();
        }
    }
}
