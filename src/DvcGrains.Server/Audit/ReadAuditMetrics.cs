using System.Diagnostics.Metrics;

namespace DvcGrains.Server.Audit;

/// <summary>The record of reads' meter (<c>DvcGrains.Audit</c>): reads appended, and reads lost, which must stay at none.</summary>
public sealed class ReadAuditMetrics
{
    public const string MeterName = "DvcGrains.Audit";

    public static readonly IReadOnlyList<string> Outcomes = ["appended", "lost"];

    private readonly Counter<long> _records;

    public ReadAuditMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _records = meters.Create(MeterName).CreateCounter<long>(
            "dvc.audit.reads", "{read}", "Reads of dossier data appended to the record of reads, or lost to it.");
    }

    public void Appended(int count) => _records.Add(count, new KeyValuePair<string, object?>("outcome", "appended"));

    public void Lost(int count) => _records.Add(count, new KeyValuePair<string, object?>("outcome", "lost"));
}
