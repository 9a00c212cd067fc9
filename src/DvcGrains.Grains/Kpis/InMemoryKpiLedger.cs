using System.Collections.Concurrent;
using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>The embedded default's ledger: this silo's memory, kept while the process runs.</summary>
public sealed class InMemoryKpiLedger : IKpiLedger
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DossierKpiRecord>> _units = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<DossierKpiRecord>> Load(string unitCode, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DossierKpiRecord>>(
            _units.TryGetValue(unitCode, out var dossiers) ? [.. dossiers.Values] : []);

    public Task<IReadOnlySet<string>> UnitsWithRecords(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(_units.Where(u => !u.Value.IsEmpty).Select(u => u.Key).ToHashSet(StringComparer.Ordinal));

    public Task Save(string unitCode, IReadOnlyList<DossierKpiRecord> records)
    {
        var dossiers = _units.GetOrAdd(unitCode, _ => new ConcurrentDictionary<string, DossierKpiRecord>(StringComparer.Ordinal));
        foreach (var record in records)
        {
            dossiers.AddOrUpdate(record.DossierId, record, (_, known) => known.Version < record.Version ? record : known);
        }
        return Task.CompletedTask;
    }
}
