using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Domain.Tests.Kpis.Index766;

public class ExternalIndicatorsTests
{
    [Fact]
    public void Known_indicators_with_rates_in_range_are_accepted()
    {
        var validation = ExternalIndicators.Validate(new Dictionary<string, double>
        {
            [ExternalIndicatorNames.PaymentOffered] = 0,
            [ExternalIndicatorNames.FeedbackSatisfaction] = 1,
            [ExternalIndicatorNames.CertifiedCopies] = 0.35,
        });

        Assert.True(validation.IsValid);
        Assert.Null(validation.Message);
        Assert.Equal(0.35, validation.Indicators!.RateOf("certified_copies"));
        Assert.Equal(0, validation.Indicators.RateOf("payment_offered"));
        Assert.Null(validation.Indicators.RateOf("payment_used"));
        Assert.Equal(3, validation.Indicators.Rates.Count);
    }

    [Fact]
    public void Unknown_name_is_refused_with_a_message_naming_it()
    {
        var validation = ExternalIndicators.Validate(new Dictionary<string, double> { ["procedures_announced"] = 0.5 });

        Assert.False(validation.IsValid);
        Assert.Null(validation.Indicators);
        Assert.Contains("unknown indicator \"procedures_announced\"", validation.Message, StringComparison.Ordinal);
        Assert.Contains("procedures_announced_on_time", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rate_outside_zero_to_one_is_refused(double rate)
    {
        var validation = ExternalIndicators.Validate(new Dictionary<string, double> { [ExternalIndicatorNames.PaymentUsed] = rate });

        Assert.False(validation.IsValid);
        Assert.Contains("payment_used", validation.Message, StringComparison.Ordinal);
        Assert.Contains("is not a rate in [0, 1]", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var validation = ExternalIndicators.Validate(new Dictionary<string, double> { ["x"] = 0.5, [ExternalIndicatorNames.PaymentUsed] = 2 });

        Assert.Equal(
            "External indicators refused: payment_used = 2 is not a rate in [0, 1]; unknown indicator \"x\" (known: "
            + string.Join(", ", ExternalIndicatorNames.All) + ").",
            validation.Message);
    }

    [Fact]
    public void No_indicators_means_none_measured()
    {
        Assert.Empty(ExternalIndicators.None.Rates);
        Assert.All(ExternalIndicatorNames.All, name => Assert.Null(ExternalIndicators.None.RateOf(name)));
        Assert.Equal(9, ExternalIndicatorNames.All.Count);
    }
}
