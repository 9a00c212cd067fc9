using System.Text.Json;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Kpis;

public class LevelledDeltaTests
{
    private static readonly DateOnly Day = new(2023, 6, 1);

    private static KpiDelta Received(long n) => KpiDelta.From([KpiEntry.Of(Day, KpiCounter.Received, n)]);

    [Fact]
    public void Changes_add_up_level_by_level_and_a_level_that_sums_to_nothing_has_no_part()
    {
        var sum = LevelledDelta.Of(UnitLevel.Province, Received(2))
            .Add(UnitLevel.Commune, Received(5))
            .Add(LevelledDelta.Of(UnitLevel.Commune, Received(-5)).Add(UnitLevel.District, Received(1)));

        Assert.Equal([UnitLevel.Province, UnitLevel.District], sum.Levels);
        Assert.Equal(Received(2), sum[UnitLevel.Province]);
        Assert.Equal(KpiDelta.Empty, sum[UnitLevel.Commune]);
        Assert.True(sum.Subtract(sum).IsEmpty);
        Assert.Equal(LevelledDelta.Empty, LevelledDelta.Of(UnitLevel.Commune, KpiDelta.Empty));
    }

    [Fact]
    public void A_level_given_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LevelledDelta.From(
            [KeyValuePair.Create(UnitLevel.Commune, Received(1)), KeyValuePair.Create(UnitLevel.Commune, Received(2))]));
    }

    [Fact]
    public void It_crosses_as_json_by_level_name()
    {
        var delta = LevelledDelta.Of(UnitLevel.Unspecified, Received(3)).Add(UnitLevel.Commune, Received(-1));

        var json = JsonSerializer.Serialize(delta);

        Assert.Contains("\"Commune\":", json, StringComparison.Ordinal);
        Assert.Contains("\"Unspecified\":", json, StringComparison.Ordinal);
        Assert.Equal(delta, JsonSerializer.Deserialize<LevelledDelta>(json));
    }
}
