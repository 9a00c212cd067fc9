using System.Diagnostics.Metrics;
using DvcGrains.Grains.Kpis;
using DvcGrains.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Testing;

/// <summary>
/// Meters for the parts a test builds by hand (a pipeline, a KPI feed), from a meter factory of their own as a host's
/// would be: no other test counts into them.
/// </summary>
public static class TestMeters
{
    public static IMeterFactory Factory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static StorageMetrics Storage() => new(Factory());

    public static KpiMetrics Kpis() => new(Factory());
}
