using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Server.Hosting;

/// <summary>The services grains need in every silo: reference data, the clock and the KPI settings.</summary>
public static class DomainServices
{
    public static IServiceCollection AddDvcDomain(this IServiceCollection services, IConfiguration configuration)
    {
        var dvc = configuration.GetSection(DvcOptions.Section).Get<DvcOptions>() ?? new DvcOptions();
        services.AddSingleton(dvc);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ReferenceData.LoadUnits(dvc));
        services.AddSingleton(_ => ReferenceData.LoadCalendar(dvc));
        services.AddSingleton(_ => new ProcedureDirectory(ReferenceData.LoadProcedures(dvc)));
        services.Configure<KpiOptions>(configuration.GetSection(KpiOptions.Section));
        services.AddSingleton<IKpiLedger, InMemoryKpiLedger>();
        return services;
    }
}
