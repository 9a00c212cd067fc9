using System.Diagnostics;
using Npgsql;

namespace DvcGrains.Persistence.Clocks;

/// <summary>
/// Reads the database's clock against this silo's, as NTP does: the database's time is taken to fall halfway through
/// the round trip that fetched it, and of a few readings the one with the shortest round trip counts, since the
/// database's time is known to within half of it. Every silo reaches the one database, so each silo's offset from it
/// bounds the skew between any two silos (their offsets' difference).
/// </summary>
public sealed class DatabaseClock(NpgsqlDataSource database, TimeProvider clock)
{
    /// <summary>Readings per measurement: the first on a connection pays for more than the round trip.</summary>
    public const int Readings = 5;

    public async Task<ClockOffset> Measure(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var read = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        ClockOffset? best = null;
        for (var i = 0; i < Readings; i++)
        {
            var sent = clock.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            var databaseTime = (DateTime)(await read.ExecuteScalarAsync(cancellationToken))!;
            var roundTrip = Stopwatch.GetElapsedTime(started);
            var offset = sent + roundTrip / 2 - new DateTimeOffset(databaseTime, TimeSpan.Zero);
            if (best is null || roundTrip < best.RoundTrip)
            {
                best = new ClockOffset(offset, roundTrip);
            }
        }
        return best!;
    }
}
