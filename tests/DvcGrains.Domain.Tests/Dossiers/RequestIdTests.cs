using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Domain.Tests.Dossiers;

public sealed class RequestIdTests
{
    [Theory]
    [InlineData("retry-1")]
    [InlineData("b3f1c2d0-9a8e-4c1b-8f7e-6d5c4b3a2f10")]
    [InlineData("yêu cầu số 7")]
    [InlineData(" ")]
    [InlineData("🙂")]
    public void Printable_request_ids_are_valid(string requestId)
    {
        Assert.True(RequestId.IsValid(requestId));
    }

    [Fact]
    public void A_request_id_counts_characters_not_utf16_units()
    {
        Assert.True(RequestId.IsValid(string.Concat(Enumerable.Repeat("🙂", 64)))); // 128 UTF-16 units
        Assert.Equal(
            "The request id has 65 characters; give 64 at most.",
            RequestId.Problem(string.Concat(Enumerable.Repeat("🙂", 65))));
        Assert.Equal("The request id has 65 characters; give 64 at most.", RequestId.Problem(new string('r', 65)));
    }

    [Theory]
    [InlineData(null, "The request id is missing; give 1 to 64 printable characters, unique per attempt of a change.")]
    [InlineData("", "The request id is missing; give 1 to 64 printable characters, unique per attempt of a change.")]
    [InlineData("line\nbreak", "The request id contains the unprintable character U+000A; use printable characters only.")]
    [InlineData("tab\t", "The request id contains the unprintable character U+0009; use printable characters only.")]
    [InlineData("zero\u200Bwidth", "The request id contains the unprintable character U+200B; use printable characters only.")]
    public void A_bad_request_id_is_explained(string? requestId, string problem)
    {
        Assert.Equal(problem, RequestId.Problem(requestId));
        Assert.False(RequestId.IsValid(requestId));
    }

    [Fact]
    public void A_request_id_with_a_lone_surrogate_is_refused()
    {
        // Built here rather than in [InlineData], whose serialisation would replace the lone surrogate with U+FFFD.
        var requestId = "half" + '\uD83D';

        Assert.Equal("The request id contains a broken UTF-16 surrogate pair; send valid text.", RequestId.Problem(requestId));
    }
}
