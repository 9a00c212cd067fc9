using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Grpc;

/// <summary>Positions as the contract carries them: they name the database's incarnation, read back whole, and sort as the feed does.</summary>
public sealed class ChangePositionTextTests
{
    private static readonly DatabaseIncarnation First = new(1, 0x0123_4567_89ab_cdef);
    private static readonly DatabaseIncarnation Second = new(2, -3);

    [Fact]
    public void A_position_reads_back_as_it_was_written_with_its_incarnation()
    {
        ChangePosition[] positions =
        [
            new(First, 0x7fff_0001, "79-261206-0000001", 1),
            new(Second, ulong.MaxValue, "000.00.20.H17-230601-0001", int.MaxValue),
            new(new DatabaseIncarnation(int.MaxValue, long.MinValue), 3, "a", 7),
        ];

        Assert.Equal(positions, positions.Select(p => ChangePositionText.Parse(ChangePositionText.Of(p), "after")));
    }

    [Fact]
    public void Positions_sort_as_text_as_the_feed_orders_them_across_incarnations()
    {
        ChangePosition[] inFeedOrder =
        [
            new(First, 900, "B", 2),
            new(First, 900, "B-1", 1),
            new(First, 901, "A", 1),
            new(Second, 5, "A", 1),
            new(Second, 5, "A", 16),
            new(new DatabaseIncarnation(16, 1), 1, "A", 1),
        ];

        var texts = inFeedOrder.Select(ChangePositionText.Of).ToList();

        Assert.Equal(texts, texts.Order(StringComparer.Ordinal));
        Assert.Equal(inFeedOrder, inFeedOrder.Order());
    }

    [Fact]
    public void A_position_from_before_incarnations_is_feed_reset_and_a_malformed_one_invalid()
    {
        var text = ChangePositionText.Of(new(First, 900, "B", 2));
        var unlabelled = text[(text.IndexOf('-', StringComparison.Ordinal) + 1)..];

        var reset = Assert.Throws<Refusal>(() => ChangePositionText.Parse(unlabelled, "after"));
        var shortNonce = Assert.Throws<Refusal>(() => ChangePositionText.Parse(text[1..], "after"));
        var upperCase = Assert.Throws<Refusal>(() => ChangePositionText.Parse(text.ToUpperInvariant(), "after"));

        Assert.Equal((StatusCode.FailedPrecondition, "FEED_RESET"), (reset.StatusCode, reset.Trailers.GetValue(DvcErrors.TrailerKey)));
        Assert.Contains("Follow again from the first change", reset.Status.Detail, StringComparison.Ordinal);
        Assert.All([shortNonce, upperCase], e => Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (e.StatusCode, e.Trailers.GetValue(DvcErrors.TrailerKey))));
    }
}
