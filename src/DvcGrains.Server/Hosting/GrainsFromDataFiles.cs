using DvcGrains.Grains.Hosting;

namespace DvcGrains.Server.Hosting;

/// <summary>The grains' services in this silo, with the reference data the server ships.</summary>
public static class GrainsFromDataFiles
{
    public static IServiceCollection AddDvcGrainsFromDataFiles(this IServiceCollection services, DvcOptions dvc, IConfiguration configuration)
    {
        services.AddSingleton(dvc);
        var units = DataFiles.LoadUnits(dvc);
        return services.AddDvcGrains(
            units, DataFiles.LoadUnitMapping(dvc, units), DataFiles.LoadCalendar(dvc), DataFiles.LoadProcedures(dvc), configuration);
    }
}
