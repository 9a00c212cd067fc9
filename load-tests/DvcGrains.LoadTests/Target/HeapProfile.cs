using DvcGrains.Api.V1;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// --heap (with --embedded): the process's managed heap after full compacting collections, at four moments: the server
/// started with no unit active; every unit's KPI grain activated; after the load with its dossier grains active; and
/// after every idle grain was deactivated. The differences give a unit's and a dossier's cost, active and idle.
/// </summary>
public sealed class HeapProfile(EmbeddedServer server)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public long ServerStarted { get; private set; }
    public long UnitsActive { get; private set; }
    public long DossiersActive { get; private set; }
    public long DossiersIdle { get; private set; }
    public int Units { get; private set; }

    public async Task BeforeLoad(TargetClients client, ReferenceData data)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(data);
        ServerStarted = HeldBytes();
        var units = data.WithAncestors(data.Communes);
        foreach (var unit in units)
        {
            await client.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit });
        }
        Units = units.Count;
        UnitsActive = HeldBytes();
    }

    public async Task AfterLoad()
    {
        DossiersActive = HeldBytes();
        await server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        // Deactivation finishes in the background; the heap is read once it has had time to.
        await Task.Delay(Settle);
        DossiersIdle = HeldBytes();
    }

    private static long HeldBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
