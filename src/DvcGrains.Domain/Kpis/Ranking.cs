using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Domain.Kpis;

/// <summary>An item in a ranking (xếp hạng) and its rank, 1 for the best.</summary>
public readonly record struct Ranked<T>(int Rank, T Item);

/// <summary>
/// Orders units best first by total score, and gives equal scores a shared rank followed by a gap (1, 2, 2, 4), as
/// sports tables do. Scores are compared at the precision the portal publishes, so two units shown with the same
/// score never get different ranks; the unit code breaks ties for a stable order.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, string> unitCode, Func<T, double> totalScore)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(unitCode);
        ArgumentNullException.ThrowIfNull(totalScore);
        var ordered = items
            .Select(item => (Item: item, Score: PublishedScore.Round(totalScore(item)), Code: unitCode(item)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Code, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<Ranked<T>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked<T>(rank, ordered[i].Item));
        }
        return ranked;
    }
}
