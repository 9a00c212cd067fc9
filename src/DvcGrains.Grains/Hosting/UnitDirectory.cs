using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Hosting;

/// <summary>
/// The grain directory the unit grains name (<see cref="UnitKpiGrain.Directory"/>): Orleans' distributed, strongly
/// consistent directory, so that a unit's counters have one activation across joins and graceful leaves (decision 27).
/// Every silo that hosts the grains registers it; the other grains keep Orleans' default directory.
/// </summary>
public static class UnitDirectory
{
    public static ISiloBuilder AddUnitDirectory(this ISiloBuilder silo)
    {
        // Orleans marks the distributed directory experimental; decision 27 says why the unit grains use it all the same.
#pragma warning disable ORLEANSEXP003
        return silo.AddDistributedGrainDirectory(UnitKpiGrain.Directory);
#pragma warning restore ORLEANSEXP003
    }
}
