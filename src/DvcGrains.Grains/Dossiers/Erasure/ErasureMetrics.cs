using System.Diagnostics.Metrics;
using DvcGrains.Abstractions.Dossiers;

namespace DvcGrains.Grains.Dossiers.Erasure;

/// <summary>The erasures of personal data this host made (<c>DvcGrains.Erasure</c>), by cause: request or retention.</summary>
public sealed class ErasureMetrics
{
    public const string MeterName = "DvcGrains.Erasure";

    private readonly Counter<long> _erasures;

    public ErasureMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _erasures = meter.CreateCounter<long>("dvc.personal_data.erasures", "{dossier}", "Dossiers whose personal data were erased, by cause: request, retention.");
    }

    public void Erased(ErasureCause cause) =>
        _erasures.Add(1, new KeyValuePair<string, object?>("by", cause == ErasureCause.Retention ? "retention" : "request"));
}
