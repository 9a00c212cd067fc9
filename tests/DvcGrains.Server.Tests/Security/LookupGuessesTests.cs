using DvcGrains.Server.Security;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Tests.Security;

/// <summary>Each client's budget of wrong look-ups: three per half hour here, one back every ten minutes.</summary>
public sealed class LookupGuessesTests
{
    private readonly SettableClock _clock = new();
    private readonly LookupGuesses _guesses;

    public LookupGuessesTests() =>
        _guesses = new LookupGuesses(Options.Create(new LookupOptions { WrongGuesses = 3, WrongGuessPeriod = TimeSpan.FromMinutes(30) }), _clock);

    [Fact]
    public void A_client_has_its_guesses_at_once_then_one_every_tenth_of_the_period()
    {
        Assert.Equal(3, Taken("a", 3));
        Assert.False(_guesses.TryTake("a", out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(10), retryAfter);

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.False(_guesses.TryTake("a", out retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(4), retryAfter);

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(_guesses.TryTake("a", out _));
        Assert.False(_guesses.TryTake("a", out _));
    }

    [Fact]
    public void A_guess_given_back_is_taken_again_and_the_budget_never_grows_past_its_size()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.True(_guesses.TryTake("citizen", out _));
            _guesses.GiveBack("citizen");
            _guesses.GiveBack("citizen");
        }

        Assert.Equal(3, Taken("citizen", 3));
        Assert.False(_guesses.TryTake("citizen", out _));
    }

    [Fact]
    public void Clients_are_counted_apart()
    {
        Assert.Equal(3, Taken("a", 3));

        Assert.False(_guesses.TryTake("a", out _));
        Assert.True(_guesses.TryTake("b", out _));
    }

    [Fact]
    public void Once_many_clients_are_kept_the_ones_whose_budget_refilled_are_dropped_and_the_others_kept()
    {
        for (var i = 0; i < 10_001; i++)
        {
            _guesses.TryTake($"client-{i}", out _);
        }
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(3, Taken("guesser", 3));

        Assert.Equal(1, _guesses.Tracked);
        Assert.False(_guesses.TryTake("guesser", out _));
    }

    /// <summary>How many of <paramref name="tries"/> guesses <paramref name="client"/> could take.</summary>
    private int Taken(string client, int tries) => Enumerable.Range(0, tries).Count(i => _guesses.TryTake(client, out _));

    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
