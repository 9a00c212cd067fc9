using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// Group commit for a unit grain: records that arrive while a write is under way are written together in the next
/// one, and each caller is answered when the write holding its record is durable. Not thread-safe: it runs in the
/// grain's turns.
/// </summary>
public sealed class LedgerCommitter(IKpiLedger ledger, string unitCode, Action<DossierKpiRecord> applied)
{
    private readonly List<(DossierKpiRecord Record, TaskCompletionSource Done)> _waiting = [];
    private bool _writing;

    public Task Commit(DossierKpiRecord record)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((record, done));
        if (!_writing)
        {
            _ = WriteWhileWaiting();
        }
        return done.Task;
    }

    private async Task WriteWhileWaiting()
    {
        _writing = true;
        try
        {
            while (_waiting.Count > 0)
            {
                var batch = _waiting.ToList();
                _waiting.Clear();
                try
                {
                    await ledger.Save(unitCode, [.. batch.Select(b => b.Record)]);
                }
                catch (Exception e)
                {
                    batch.ForEach(b => b.Done.SetException(e));
                    continue;
                }
                foreach (var (record, done) in batch)
                {
                    applied(record);
                    done.SetResult();
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
