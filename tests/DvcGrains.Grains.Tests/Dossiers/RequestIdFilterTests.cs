using DvcGrains.Grains.Dossiers;

namespace DvcGrains.Grains.Tests.Dossiers;

public sealed class RequestIdFilterTests
{
    [Fact]
    public void A_request_id_added_may_be_contained_and_one_never_added_is_not()
    {
        var filter = new RequestIdFilter();

        filter.Add("req-1");
        filter.Add("req-2");

        Assert.True(filter.MayContain("req-1"));
        Assert.True(filter.MayContain("req-2"));
        Assert.False(filter.MayContain("req-3"));
        Assert.False(filter.MayContain("REQ-1"));
    }

    [Fact]
    public void A_cleared_filter_knows_no_request_id()
    {
        var filter = new RequestIdFilter();
        filter.Add("req-1");

        filter.Clear();

        Assert.False(filter.MayContain("req-1"));
    }
}
