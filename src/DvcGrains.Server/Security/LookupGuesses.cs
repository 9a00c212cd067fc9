using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>
/// Each client's budget of wrong look-ups (<see cref="LookupOptions"/>), by <see cref="ClientAddress"/>. A look-up
/// takes a guess before it reads anything and gives it back once the code proved right: guesses sent at once cannot
/// outrun the budget, and a citizen who looks a dossier up again and again is never stopped. The budgets of clients
/// that have not guessed wrong for a while are full, and are dropped once there are many.
/// </summary>
public sealed class LookupGuesses(IOptions<LookupOptions> options, TimeProvider clock)
{
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly int _limit = options.Value.WrongGuesses;
    private readonly TimeSpan _refill = options.Value.WrongGuessPeriod / options.Value.WrongGuesses;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>The clients whose budgets are kept.</summary>
    internal int Tracked => _budgets.Count;

    /// <summary>Takes a guess from <paramref name="client"/>'s budget; false, with how long until one is back, when none is left.</summary>
    public bool TryTake(string client, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        SweepIfMany(now);
        while (true)
        {
            var budget = _budgets.GetOrAdd(client, _ => new Budget(_limit, now));
            lock (budget)
            {
                if (budget.Dropped)
                {
                    continue;
                }
                budget.Refill(now, _limit, _refill);
                if (budget.Guesses >= 1)
                {
                    budget.Guesses--;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }
                retryAfter = _refill * (1 - budget.Guesses);
                return false;
            }
        }
    }

    /// <summary>Returns the guess a look-up took, whose code was right.</summary>
    public void GiveBack(string client)
    {
        if (_budgets.TryGetValue(client, out var budget))
        {
            lock (budget)
            {
                budget.Guesses = Math.Min(_limit, budget.Guesses + 1);
            }
        }
    }

    private void SweepIfMany(DateTimeOffset now)
    {
        if (_budgets.Count <= SweepAbove || now - _lastSweep < _refill)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (client, budget) in _budgets)
        {
            lock (budget)
            {
                budget.Refill(now, _limit, _refill);
                if (budget.Guesses >= _limit)
                {
                    budget.Dropped = true;
                    _budgets.TryRemove(client, out _);
                }
            }
        }
    }

    /// <summary>A client's guesses left (a fraction while one refills) as of <see cref="At"/>; guarded by its own lock.</summary>
    private sealed class Budget(int guesses, DateTimeOffset at)
    {
        public double Guesses { get; set; } = guesses;

        public DateTimeOffset At { get; private set; } = at;

        /// <summary>Removed from the budgets: a taker that still holds it takes a fresh one.</summary>
        public bool Dropped { get; set; }

        public void Refill(DateTimeOffset now, int limit, TimeSpan refill)
        {
            if (now > At)
            {
                Guesses = Math.Min(limit, Guesses + ((now - At) / refill));
                At = now;
            }
        }
    }
}
