using DvcGrains.Abstractions.Dossiers;

namespace DvcGrains.Grains.Dossiers.Changes;

/// <summary>
/// The erasures a silo's follower of the change log has already acted on, within the span the register is read over,
/// so that each makes the ring forget once; and when the register is next to be read.
/// </summary>
internal sealed class ErasuresSeen(TimeProvider clock)
{
    private readonly Dictionary<(string DossierId, DateTimeOffset At), DateTimeOffset> _seen = [];
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    public bool Due => clock.GetUtcNow() >= _nextCheck;

    /// <summary>The dossiers of <paramref name="erasures"/> not acted on yet; forgets what is older than <paramref name="within"/>.</summary>
    public IReadOnlySet<string> New(IReadOnlyList<DossierErasure> erasures, TimeSpan within)
    {
        var now = clock.GetUtcNow();
        _nextCheck = now + ChangeFeedHub.ErasureCheckInterval;
        foreach (var old in _seen.Where(seen => seen.Value < now - within - within).Select(seen => seen.Key).ToList())
        {
            _seen.Remove(old);
        }
        return erasures.Where(erasure => _seen.TryAdd((erasure.DossierId, erasure.At), now)).Select(erasure => erasure.DossierId)
            .ToHashSet(StringComparer.Ordinal);
    }
}
