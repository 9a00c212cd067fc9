namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// How a campaign's dossiers live: shares of the paths through the lifecycle, each a probability. The online share and
/// the online-payment share rise from their first to their second value over the run, as in Cà Mau's "69 days and
/// nights" (online dossiers from about 40 % to over 90 %). Defaults are plausible, not measured: set them in the
/// configuration file's "mix" object.
/// </summary>
public sealed record CampaignMix
{
    public double OnlineShareFrom { get; init; } = 0.4;
    public double OnlineShareTo { get; init; } = 0.9;
    public double PostalShare { get; init; } = 0.05;
    public double RefusedOnline { get; init; } = 0.04;
    public double WithdrawnEarly { get; init; } = 0.02;
    public double SupplementRequested { get; init; } = 0.12;
    public double StoppedInProcessing { get; init; } = 0.01;
    public double PaidOnlineFrom { get; init; } = 0.3;
    public double PaidOnlineTo { get; init; } = 0.85;
    public double ElectronicResult { get; init; } = 0.7;
    public double Rated { get; init; } = 0.5;
    public double Unsatisfied { get; init; } = 0.08;
    public double SyncedAtSubmit { get; init; } = 0.6;
    public double SyncedLater { get; init; } = 0.9;
    public double Digitized { get; init; } = 0.8;
    public double ReusedData { get; init; } = 0.3;
    public double FromCitizenStore { get; init; } = 0.2;
    public double VneidOnline { get; init; } = 0.7;
    public double Enterprise { get; init; } = 0.15;

    public double OnlineShare(double progress) => OnlineShareFrom + (OnlineShareTo - OnlineShareFrom) * progress;

    public double PaidOnline(double progress) => PaidOnlineFrom + (PaidOnlineTo - PaidOnlineFrom) * progress;

    /// <summary>The name of the first share outside [0, 1], if any.</summary>
    public string? Problem() =>
        typeof(CampaignMix).GetProperties()
            .Where(p => p.PropertyType == typeof(double))
            .FirstOrDefault(p => (double)p.GetValue(this)! is < 0 or > 1 or double.NaN)?.Name;
}
