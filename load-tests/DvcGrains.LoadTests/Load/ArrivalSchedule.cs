namespace DvcGrains.LoadTests.Load;

/// <summary>
/// When the iterations of an open phase are due. The expected number of arrivals by time t is
/// N(t) = a·t + (b − a)·t² / 2T for a rate moving from a to b over T; the k-th arrival is due when N(t) reaches the k-th
/// point of a unit-rate process: k + ½ when uniform, a running sum of exponential gaps when Poisson. One formula serves
/// constant rates, ramps up and ramps down.
/// </summary>
public static class ArrivalSchedule
{
    public static IEnumerable<TimeSpan> Offsets(double fromRate, double toRate, TimeSpan during, ArrivalProcess process, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var seconds = during.TotalSeconds;
        var expected = (fromRate + toRate) / 2 * seconds;
        var point = process == ArrivalProcess.Uniform ? 0.5 : ExponentialGap(random);
        while (point < expected)
        {
            yield return TimeSpan.FromSeconds(TimeOf(point, fromRate, toRate, seconds));
            point += process == ArrivalProcess.Uniform ? 1 : ExponentialGap(random);
        }
    }

    /// <summary>
    /// Solves a·t + s·t²/2 = n for t, with s the rate's slope, in the form that stays exact when s is near zero:
    /// t = 2n / (a + √(a² + 2sn)).
    /// </summary>
    internal static double TimeOf(double arrivals, double fromRate, double toRate, double seconds)
    {
        var slope = (toRate - fromRate) / seconds;
        var root = Math.Sqrt(Math.Max(0, fromRate * fromRate + 2 * slope * arrivals));
        return 2 * arrivals / (fromRate + root);
    }

    private static double ExponentialGap(Random random) => -Math.Log(1 - random.NextDouble());
}
