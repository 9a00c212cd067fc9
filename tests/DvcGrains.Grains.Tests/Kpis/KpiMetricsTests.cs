using System.Diagnostics;
using System.Diagnostics.Metrics;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Tests.Kpis;

/// <summary>
/// The roll-up lag a unit's outbox reports: the age of its oldest change the parent has not counted, by the unit's
/// level, until the parent answers or the unit deactivates. The meters are the test's own, as a host's are its own:
/// no other test's outboxes move them.
/// </summary>
public sealed class KpiMetricsTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public void An_outbox_lags_from_its_oldest_uncounted_change_until_the_parent_answers()
    {
        var meters = TestMeters.Factory();
        var outbox = new RollupOutbox("001", UnitLevel.District, DateTimeOffset.UtcNow, new KpiMetrics(meters));
        var created = Stopwatch.GetTimestamp();
        SpinWait.SpinUntil(() => Stopwatch.GetElapsedTime(created) > TimeSpan.FromMilliseconds(20));

        var snapshot = outbox.NextBatch(() => LevelledDelta.Empty);
        var whileInFlight = DistrictLag(meters);
        outbox.Answered(AbsorbOutcome.Applied);
        var answered = DistrictLag(meters);
        outbox.Add(UnitLevel.District, KpiDelta.From([KpiEntry.Of(Day, KpiCounter.Received, 1)]));
        var changed = DistrictLag(meters);
        outbox.Retire();

        Assert.True(snapshot!.IsWholeContribution);
        Assert.True(whileInFlight >= 0.02, $"lag {whileInFlight} s while the first snapshot was in flight");
        Assert.Equal(0, answered);
        Assert.InRange(changed, 0, whileInFlight);
        Assert.Equal(0, DistrictLag(meters));
    }

    private static double DistrictLag(IMeterFactory meters)
    {
        double? lag = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == KpiMetrics.MeterName && instrument.Name == "dvc.kpis.rollup.lag")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "level", Value: "district" })
                {
                    lag = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return lag ?? throw new InvalidOperationException("No roll-up lag was reported for the district level.");
    }
}
