using System.Diagnostics;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Tests.Measurement;

public sealed class AcknowledgementsTests
{
    [Fact]
    public void A_change_after_its_acknowledgement_lags_by_the_time_between_and_one_before_it_by_nothing()
    {
        var acknowledgements = new Acknowledgements();
        using var follower = acknowledgements.Follow();
        acknowledgements.Acknowledged("D-1", 1, Stopwatch.GetTimestamp());
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMilliseconds(20))
        {
            Thread.SpinWait(1000);
        }

        var afterAcknowledgement = follower.Arrived("D-1", 1);
        var beforeAcknowledgement = follower.Arrived("D-2", 1);
        acknowledgements.Acknowledged("D-2", 1, Stopwatch.GetTimestamp());

        Assert.InRange(afterAcknowledgement, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, beforeAcknowledgement);
        Assert.Equal(0, follower.Unseen(grace: TimeSpan.Zero));
    }

    [Fact]
    public void Unseen_are_the_commands_sent_since_the_follower_opened_and_acknowledged_long_enough_ago()
    {
        var acknowledgements = new Acknowledgements();
        var sentBefore = Stopwatch.GetTimestamp();
        using var follower = acknowledgements.Follow();
        acknowledgements.Acknowledged("BEFORE", 1, sentBefore);
        acknowledgements.Acknowledged("SEEN", 1, Stopwatch.GetTimestamp());
        acknowledgements.Acknowledged("MISSED", 1, Stopwatch.GetTimestamp());
        follower.Arrived("SEEN", 1);

        Assert.Equal(1, follower.Unseen(grace: TimeSpan.Zero));
        Assert.Equal(0, follower.Unseen(grace: TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Each_follower_waits_for_every_change_whichever_saw_it_first_and_whether_it_came_before_its_acknowledgement()
    {
        var acknowledgements = new Acknowledgements();
        using var first = acknowledgements.Follow();
        using var second = acknowledgements.Follow();

        second.Arrived("D-1", 1);
        first.Arrived("D-1", 1);
        acknowledgements.Acknowledged("D-1", 1, Stopwatch.GetTimestamp());
        acknowledgements.Acknowledged("D-2", 1, Stopwatch.GetTimestamp());
        first.Arrived("D-2", 1);

        Assert.Equal(0, first.Unseen(grace: TimeSpan.Zero));
        Assert.Equal(1, second.Unseen(grace: TimeSpan.Zero));
    }

    [Fact]
    public void A_follower_that_left_hears_of_no_more_acknowledgements()
    {
        var acknowledgements = new Acknowledgements();
        var left = acknowledgements.Follow();
        left.Dispose();

        acknowledgements.Acknowledged("D-1", 1, Stopwatch.GetTimestamp());

        Assert.Equal(0, left.Unseen(grace: TimeSpan.Zero));
    }
}
