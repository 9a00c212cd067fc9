using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Grains.Kpis;

/// <summary>A unit's externally measured 766 indicators, per period (kind and first day).</summary>
[GenerateSerializer]
public sealed class ExternalIndicatorBook
{
    [Id(0)] public Dictionary<string, Dictionary<string, double>> ByPeriod { get; set; } = [];

    public ExternalIndicators For(PeriodRange period) =>
        ByPeriod.TryGetValue(KeyOf(period), out var rates) ? ExternalIndicators.Validate(rates).Indicators ?? ExternalIndicators.None : ExternalIndicators.None;

    /// <summary>Sets the given indicators of the period; the others keep their values.</summary>
    public ExternalIndicatorBook With(PeriodRange period, IReadOnlyDictionary<string, double> rates)
    {
        var byPeriod = ByPeriod.ToDictionary(p => p.Key, p => new Dictionary<string, double>(p.Value));
        var merged = byPeriod.TryGetValue(KeyOf(period), out var existing) ? existing : [];
        foreach (var (name, rate) in rates)
        {
            merged[name] = rate;
        }
        byPeriod[KeyOf(period)] = merged;
        return new ExternalIndicatorBook { ByPeriod = byPeriod };
    }

    private static string KeyOf(PeriodRange period) => $"{period.Kind}/{period.FirstDay:yyyy-MM-dd}";
}
