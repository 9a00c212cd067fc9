using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Tests.Load;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void A_constant_rate_spaces_its_arrivals_evenly_from_the_middle_of_the_first_interval()
    {
        var offsets = ArrivalSchedule.Offsets(100, 100, TimeSpan.FromSeconds(3), ArrivalProcess.Uniform, new Random(1)).ToList();

        Assert.Equal(300, offsets.Count);
        Assert.Equal(5, offsets[0].TotalMilliseconds, precision: 6);
        Assert.Equal(2995, offsets[^1].TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void A_ramp_from_zero_brings_a_quarter_of_its_arrivals_in_its_first_half()
    {
        // N(t) = b·t² / 2T: 500 arrivals over 10 s, 125 of them in the first 5 s.
        var offsets = ArrivalSchedule.Offsets(0, 100, TimeSpan.FromSeconds(10), ArrivalProcess.Uniform, new Random(1)).ToList();

        Assert.Equal(500, offsets.Count);
        Assert.Equal(125, offsets.Count(o => o < TimeSpan.FromSeconds(5)));
        Assert.True(offsets.Zip(offsets.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public void A_ramp_down_mirrors_the_ramp_up()
    {
        var down = ArrivalSchedule.Offsets(100, 0, TimeSpan.FromSeconds(10), ArrivalProcess.Uniform, new Random(1)).ToList();

        Assert.Equal(500, down.Count);
        Assert.Equal(375, down.Count(o => o < TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Poisson_arrivals_keep_the_average_rate_with_irregular_gaps()
    {
        var offsets = ArrivalSchedule.Offsets(100, 100, TimeSpan.FromSeconds(10), ArrivalProcess.Poisson, new Random(7)).ToList();
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();

        Assert.InRange(offsets.Count, 900, 1100);
        Assert.True(gaps.Max() > 3 * gaps.Average());
    }
}
