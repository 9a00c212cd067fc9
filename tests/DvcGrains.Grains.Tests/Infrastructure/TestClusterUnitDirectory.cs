using System.Diagnostics.CodeAnalysis;
using DvcGrains.Grains.Kpis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainDirectory;
using Orleans.Metadata;
using Orleans.Runtime.GrainDirectory;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>
/// The unit grains' directory on a test cluster. Orleans' test clusters already run every grain on its distributed
/// directory, registered as the default one, and a silo holds one such directory, so the server's registration under
/// the units' name (<c>AddUnitDirectory</c>) does nothing there; this sends the grains that name it to that default.
/// </summary>
public sealed class TestClusterUnitDirectory(IServiceProvider services) : IGrainDirectoryResolver
{
    public bool TryResolveGrainDirectory(GrainType grainType, GrainProperties? properties, [NotNullWhen(true)] out IGrainDirectory? grainDirectory)
    {
        grainDirectory = properties is not null
            && properties.Properties.TryGetValue(WellKnownGrainTypeProperties.GrainDirectory, out var name)
            && name == UnitKpiGrain.Directory
                ? services.GetRequiredKeyedService<IGrainDirectory>(GrainDirectoryAttribute.DEFAULT_GRAIN_DIRECTORY)
                : null;
        return grainDirectory is not null;
    }

    public static void AddTo(ISiloBuilder silo) => silo.Services.AddSingleton<IGrainDirectoryResolver, TestClusterUnitDirectory>();
}
