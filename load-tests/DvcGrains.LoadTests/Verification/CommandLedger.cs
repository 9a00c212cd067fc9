using System.Collections.Concurrent;
using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// The generator's own account of what it changed on the server: every dossier with an acknowledged Submit, and the
/// commands whose outcome is still in doubt. Kept only when the run verifies, warm-up included (it changed the server too).
/// </summary>
public sealed class CommandLedger
{
    private readonly ConcurrentQueue<DossierRecord> _dossiers = new();
    private readonly ConcurrentQueue<PendingCommand> _pending = new();

    public IReadOnlyCollection<DossierRecord> Dossiers => _dossiers;
    public IReadOnlyCollection<PendingCommand> Pending => _pending;

    public void Track(DossierRecord dossier) => _dossiers.Enqueue(dossier);

    public void InDoubt(PendingCommand command) => _pending.Enqueue(command);

    /// <summary>Takes the commands in doubt, for the verification to settle.</summary>
    public IReadOnlyList<PendingCommand> TakePending()
    {
        var taken = new List<PendingCommand>();
        while (_pending.TryDequeue(out var command))
        {
            taken.Add(command);
        }
        return taken;
    }
}
