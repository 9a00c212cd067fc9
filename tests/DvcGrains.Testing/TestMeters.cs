using DvcGrains.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Testing;

/// <summary>The storage's meters for a pipeline a test builds by hand, from a meter factory of their own as a host's would be.</summary>
public static class TestMeters
{
    public static StorageMetrics Storage() => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
}
