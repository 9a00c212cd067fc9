using System.Diagnostics.Metrics;
using DvcGrains.Grains.Kpis;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>Meters for the parts a test builds by hand, from a meter factory of their own as a host's would be: no other test counts into them.</summary>
public static class TestMeters
{
    public static IMeterFactory Factory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static KpiMetrics Kpis() => new(Factory());
}
