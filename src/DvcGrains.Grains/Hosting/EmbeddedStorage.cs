using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Grains.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Grains.Hosting;

/// <summary>The embedded default's storage: dossiers, their summaries, change log and ledger, the record of reads, and every grain state in this process's memory.</summary>
public static class EmbeddedStorage
{
    /// <param name="database">
    /// The dossiers' storage, when several silos of one process share it as a cluster shares its database; a new one
    /// otherwise.
    /// </param>
    public static ISiloBuilder AddEmbeddedStorage(this ISiloBuilder silo, InMemoryDossierDatabase? database = null)
    {
        foreach (var storage in GrainStorage.All)
        {
            silo.AddMemoryGrainStorage(storage);
        }
        silo.Services.AddSingleton(database ?? new InMemoryDossierDatabase());
        silo.Services.AddSingleton<IDossierStore, InMemoryDossierStore>();
        silo.Services.AddSingleton<IKpiLedger, InMemoryKpiLedger>();
        silo.Services.AddSingleton<IDossierQueries, InMemoryDossierQueries>();
        silo.Services.AddSingleton<IDossierChangeLog, InMemoryDossierChangeLog>();
        silo.Services.AddSingleton<IDatabaseIncarnations, InMemoryDatabaseIncarnations>();
        silo.Services.AddSingleton<IDurabilityBarrier, InMemoryDurabilityBarrier>();
        silo.Services.AddSingleton<IReadAuditLog, InMemoryReadAuditLog>();
        return silo;
    }
}
