using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Tests.Target;

public sealed class TargetPoolTests
{
    [Fact]
    public void Calls_take_every_identity_on_every_channel_in_turn()
    {
        using var pool = new TargetPool(
            [new Uri("http://127.0.0.1:9"), new Uri("http://127.0.0.2:9")], channelsPerTarget: 2, new TargetSecurity(null, ["t1", "t2", "t3"]));

        var turns = Enumerable.Range(0, 24).Select(_ => pool.Next()).ToList();

        Assert.Equal(12, pool.All.Count);
        Assert.All(turns.GroupBy(c => c.Identity), g => Assert.Equal(8, g.Count()));
        Assert.Equal([1, 2, 3], turns.Select(c => c.Identity).Distinct().Order());
        Assert.All(turns.GroupBy(c => (c.Address, c.Identity)), g => Assert.Equal(4, g.Count()));
        Assert.Equal(turns.Take(12), turns.Skip(12));
    }

    [Fact]
    public void Without_tokens_there_is_one_anonymous_client_per_channel()
    {
        using var pool = new TargetPool([new Uri("http://127.0.0.1:9")], channelsPerTarget: 3);

        Assert.Equal(3, pool.All.Count);
        Assert.All(pool.All, c => Assert.Equal(0, c.Identity));
    }
}
