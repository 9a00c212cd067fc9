using System.Collections.Immutable;
using System.Globalization;
using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// A unit's externally measured indicators for a period: name → rate in [0, 1]. An indicator absent here is not
/// measured: it scores 0 and is left out of the measured maximum, because the index never invents a value.
/// </summary>
public sealed class ExternalIndicators
{
    private readonly ImmutableSortedDictionary<string, double> _rates;

    private ExternalIndicators(ImmutableSortedDictionary<string, double> rates) => _rates = rates;

    public static ExternalIndicators None { get; } = new(ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal));

    /// <summary>The measured indicators, by name in ordinal order.</summary>
    public IReadOnlyDictionary<string, double> Rates => _rates;

    /// <summary>The indicator's rate, or null when it was not measured.</summary>
    public double? RateOf(string name) => _rates.TryGetValue(name, out var rate) ? rate : null;

    /// <summary>Accepts rates of known indicators within [0, 1]; anything else is refused with a message naming each fault.</summary>
    public static ExternalIndicatorsValidation Validate(IReadOnlyDictionary<string, double> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var faults = new List<Message>();
        foreach (var (name, rate) in rates.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!ExternalIndicatorNames.IsKnown(name))
            {
                faults.Add(IndicatorMessages.Unknown.With(QuotedInput.Of(name), string.Join(", ", ExternalIndicatorNames.All)));
            }
            else if (!(rate >= 0 && rate <= 1))
            {
                faults.Add(IndicatorMessages.NotARate.With(name, rate.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return faults.Count == 0
            ? ExternalIndicatorsValidation.Valid(new ExternalIndicators(rates.ToImmutableSortedDictionary(StringComparer.Ordinal)))
            : ExternalIndicatorsValidation.Invalid(IndicatorMessages.Refused.With(Listed(faults)));
    }

    /// <summary>The first few faults and how many more, so that a flood of bad names makes a short message.</summary>
    private static Message Listed(List<Message> faults)
    {
        const int Shown = 3;
        var listed = faults.Take(Shown).Aggregate((sofar, fault) => IndicatorMessages.Then.With(sofar, fault));
        return faults.Count > Shown ? IndicatorMessages.AndMore.With(listed, faults.Count - Shown) : listed;
    }
}
