namespace DvcGrains.Domain.Kpis;

/// <summary>The contract's headline rates of a unit's counters, each 0 when its denominator is 0.</summary>
/// <param name="Online">received_online / received.</param>
/// <param name="OnlinePayment">paid_online / fee_dossiers.</param>
/// <param name="OnTime">(finished_early + finished_on_time + in_progress_within_deadline) / (finished + in_progress_within_deadline + overdue).</param>
/// <param name="Digitization">digitized / received.</param>
/// <param name="Sync">synced / received.</param>
public sealed record KpiRates(double Online, double OnlinePayment, double OnTime, double Digitization, double Sync)
{
    public static KpiRates Of(KpiCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new(
            Online: Ratio.OrZero(counters.ReceivedOnline, counters.Received),
            OnlinePayment: Ratio.OrZero(counters.PaidOnline, counters.FeeDossiers),
            OnTime: Ratio.OrZero(counters.OnTrack, counters.Judged),
            Digitization: Ratio.OrZero(counters.Digitized, counters.Received),
            Sync: Ratio.OrZero(counters.Synced, counters.Received));
    }
}
