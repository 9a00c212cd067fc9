using DvcGrains.Domain.Kpis;

namespace DvcGrains.Domain.Tests.Kpis;

public class KpiRatesTests
{
    [Fact]
    public void Rates_follow_the_contract_definitions()
    {
        var counters = new KpiCounters
        {
            Received = 200,
            ReceivedOnline = 150,
            FeeDossiers = 40,
            PaidOnline = 10,
            Finished = 100,
            FinishedEarly = 30,
            FinishedOnTime = 50,
            FinishedLate = 20,
            InProgressWithinDeadline = 40,
            Overdue = 10,
            Digitized = 50,
            Synced = 190,
        };

        var rates = KpiRates.Of(counters);

        Assert.Equal(0.75, rates.Online, 10);        // 150 / 200
        Assert.Equal(0.25, rates.OnlinePayment, 10); // 10 / 40
        Assert.Equal(0.8, rates.OnTime, 10);         // (30 + 50 + 40) / (100 + 40 + 10) = 120 / 150
        Assert.Equal(0.25, rates.Digitization, 10);  // 50 / 200
        Assert.Equal(0.95, rates.Sync, 10);          // 190 / 200
    }

    [Fact]
    public void Rate_with_nothing_to_measure_is_zero()
    {
        Assert.Equal(new KpiRates(0, 0, 0, 0, 0), KpiRates.Of(KpiCounters.Zero));
    }
}
