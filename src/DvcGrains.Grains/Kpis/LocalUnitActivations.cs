using System.Collections.Concurrent;

namespace DvcGrains.Grains.Kpis;

/// <summary>The unit grains active on this silo, so that the silo can ask them to recount when another silo dies.</summary>
public sealed class LocalUnitActivations
{
    private readonly ConcurrentDictionary<string, byte> _units = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Units => [.. _units.Keys];

    public void Activated(string unitCode) => _units[unitCode] = 0;

    public void Deactivated(string unitCode) => _units.TryRemove(unitCode, out _);
}
