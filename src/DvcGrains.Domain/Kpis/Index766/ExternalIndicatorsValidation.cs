using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>The outcome of validating external indicators: the indicators, or a message a person can act on.</summary>
public sealed record ExternalIndicatorsValidation
{
    private ExternalIndicatorsValidation(ExternalIndicators? indicators, Message? message)
    {
        Indicators = indicators;
        Message = message;
    }

    /// <summary>The validated indicators; null when invalid.</summary>
    public ExternalIndicators? Indicators { get; }

    /// <summary>Why the input was refused; null when valid.</summary>
    public Message? Message { get; }

    public bool IsValid => Indicators is not null;

    internal static ExternalIndicatorsValidation Valid(ExternalIndicators indicators) => new(indicators, null);

    internal static ExternalIndicatorsValidation Invalid(Message message) => new(null, message);
}
