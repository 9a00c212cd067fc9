using DvcGrains.Domain.Kpis;

namespace DvcGrains.Domain.Tests.Kpis;

public class RankingTests
{
    private sealed record Province(string Code, double Score);

    private static IReadOnlyList<(int Rank, string Code)> RankOf(params Province[] provinces) =>
        [.. Ranking.Rank(provinces, p => p.Code, p => p.Score).Select(r => (r.Rank, r.Item.Code))];

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_skips()
    {
        var ranking = RankOf(new("36", 69.52), new("96", 83.4), new("01", 69.52), new("79", 50.1));

        Assert.Equal([(1, "96"), (2, "01"), (2, "36"), (4, "79")], ranking);
    }

    [Fact]
    public void Ties_are_ordered_by_unit_code_whatever_the_input_order()
    {
        Assert.Equal(RankOf(new("02", 70), new("01", 70), new("10", 70)), RankOf(new("10", 70), new("02", 70), new("01", 70)));
        Assert.Equal([(1, "01"), (1, "02"), (1, "10")], RankOf(new("10", 70), new("02", 70), new("01", 70)));
    }

    [Fact]
    public void Scores_equal_as_published_share_a_rank()
    {
        // Both are published as 75.00; 74.99 is not.
        var ranking = RankOf(new("01", 74.999), new("02", 75.001), new("03", 74.99));

        Assert.Equal([(1, "01"), (1, "02"), (3, "03")], ranking);
    }

    [Fact]
    public void Nothing_to_rank_gives_an_empty_ranking()
    {
        Assert.Empty(RankOf());
    }
}
