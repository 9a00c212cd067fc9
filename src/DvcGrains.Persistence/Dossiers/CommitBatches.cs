using System.Threading.Channels;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// How a lane takes its next batch: what waits, up to <paramref name="maxBatchSize"/>, writes carried over from the
/// last take first. Two writes of one dossier never share a batch: the later one is carried to the next.
/// </summary>
/// <typeparam name="T">A waiting write, whose dossier <paramref name="dossierOf"/> tells.</typeparam>
internal sealed class CommitBatches<T>(int maxBatchSize, Func<T, string> dossierOf)
{
    private readonly List<T> _batch = [];
    private readonly List<T> _carried = [];
    private readonly HashSet<string> _dossiers = new(StringComparer.Ordinal);

    /// <summary>The batch taken last.</summary>
    public IReadOnlyList<T> Batch => _batch;

    /// <summary>Whether writes wait for the next batch without being in the queue.</summary>
    public bool HasCarried => _carried.Count > 0;

    /// <summary>Every write taken and not yet committed: the batch and those carried.</summary>
    public IEnumerable<T> Held => _batch.Concat(_carried);

    public void Take(ChannelReader<T> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        _batch.Clear();
        _dossiers.Clear();
        var carried = _carried.ToList();
        _carried.Clear();
        foreach (var write in carried)
        {
            Place(write);
        }
        while (_batch.Count < maxBatchSize && waiting.TryRead(out var write))
        {
            Place(write);
        }
    }

    private void Place(T write)
    {
        if (_batch.Count < maxBatchSize && _dossiers.Add(dossierOf(write)))
        {
            _batch.Add(write);
        }
        else
        {
            _carried.Add(write);
        }
    }
}
