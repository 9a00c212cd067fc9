using DvcGrains.LoadTests.Scenarios;

namespace DvcGrains.LoadTests.Tests.Scenarios;

public sealed class ZipfSamplerTests
{
    [Fact]
    public void Rank_k_is_drawn_in_proportion_to_one_over_k_to_the_exponent()
    {
        var sampler = new ZipfSampler(34, 1.0);
        var random = new Random(42);
        var counts = new int[34];
        const int Draws = 200_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.Equal(2.0, sampler.Probability(0) / sampler.Probability(1), precision: 9);
        Assert.Equal(34.0, sampler.Probability(0) / sampler.Probability(33), precision: 9);
        for (var rank = 0; rank < 34; rank++)
        {
            Assert.InRange(counts[rank] / (double)Draws, sampler.Probability(rank) * 0.9, sampler.Probability(rank) * 1.1);
        }
    }

    [Fact]
    public void Exponent_zero_is_uniform()
    {
        var sampler = new ZipfSampler(4, 0);

        Assert.All(Enumerable.Range(0, 4), rank => Assert.Equal(0.25, sampler.Probability(rank), precision: 12));
    }
}
