using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Dossiers.Changes;
using DvcGrains.Grains.Dossiers.Erasure;
using DvcGrains.Grains.Kpis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Hosting;

/// <summary>What the grains need in every silo, whatever the storage: reference data, the clock, the KPI feed, the change feed's readers and settings.</summary>
public static class GrainServices
{
    public static IServiceCollection AddDvcGrains(
        this IServiceCollection services, UnitHierarchy units, UnitMapping mapping, WorkingCalendar calendar, ProcedureCatalog procedures,
        IConfiguration configuration)
    {
        services.AddSingleton(units);
        services.AddSingleton(mapping);
        services.AddSingleton<KpiUnits>();
        services.AddSingleton(calendar);
        services.AddSingleton(new ProcedureDirectory(procedures));
        services.AddSingleton<IProcedureDirectory>(provider => provider.GetRequiredService<ProcedureDirectory>());
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidation>();
        services.AddSingleton<ProcedureCatalogSync>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<ProcedureCatalogSync>());
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<KpiOptions>().Bind(configuration.GetSection(KpiOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KpiOptions>, KpiOptionsValidation>();
        services.AddSingleton<KpiMetrics>();
        services.AddSingleton<KpiChangeDelivery>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<KpiChangeDelivery>());
        services.AddOptions<ChangeFeedOptions>().Bind(configuration.GetSection(ChangeFeedOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChangeFeedOptions>, ChangeFeedOptionsValidation>();
        services.AddSingleton<ChangeFeedHub>();
        services.AddSingleton<IChangeFeed>(provider => provider.GetRequiredService<ChangeFeedHub>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<ChangeFeedHub>());
        services.AddSingleton<LocalUnitActivations>();
        services.AddSingleton<SiloLossRecount>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloLossRecount>());
        services.AddSingleton<IncarnationRecount>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<IncarnationRecount>());
        services.AddSingleton<ErasureMetrics>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddSingleton<PersonalDataRetention>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<PersonalDataRetention>());
        services.AddGrainStateSerialization();
        return services;
    }
}
