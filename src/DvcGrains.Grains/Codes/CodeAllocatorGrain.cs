using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Codes;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using Orleans.Storage;

namespace DvcGrains.Grains.Codes;

/// <summary>
/// The daily sequence of one unit. The sequence is persisted before a code is handed out, so a code is never handed
/// out twice, also across restarts (a crash may skip a number, which is harmless); and it never runs above the day's
/// line (<see cref="CodeLine"/>), so that after a restore or a failover, which can lose what was persisted, the
/// allocator continues above everything the lost branch can have handed out.
/// </summary>
public sealed class CodeAllocatorGrain(
    [PersistentState("sequence", GrainStorage.Codes)] IPersistentState<CodeSequence> sequence,
    IDatabaseIncarnations incarnations,
    IDossierStore dossiers,
    TimeProvider clock) : Grain, ICodeAllocatorGrain
{
    private string _unitCode = "";
    private DateOnly _day;

    /// <summary>
    /// An activation reads the database's incarnation; a sequence written in another continues above the line (and above
    /// the codes present) before its first code. Within the activation, the state's version guards the rest: a write
    /// that finds another version (the database restored under it) fails, and the next activation looks again.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.LastIndexOf('/');
        _unitCode = key[..separator];
        _day = DateOnly.ParseExact(key[(separator + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var current = await incarnations.Current(cancellationToken);
        if (sequence.State.Incarnation != current.Incarnation)
        {
            var highestPresent = await dossiers.HighestSequence(_unitCode, _day, cancellationToken);
            sequence.State.Last = CodeLine.Floor(_day, current, sequence.State.Last, highestPresent);
            sequence.State.Incarnation = current.Incarnation;
        }
    }

    public async Task<string?> Allocate()
    {
        var next = sequence.State.Last + 1;
        if (next > DossierCode.MaxSequence)
        {
            return null;
        }
        // Faster than the line rises (or just above it after a restore): wait until it passes this number.
        for (var line = CodeLine.At(_day, clock.GetUtcNow()); next > line; line = CodeLine.At(_day, clock.GetUtcNow()))
        {
            await Task.Delay(TimeSpan.FromSeconds((next - line) / CodeLine.PerSecond), clock);
        }
        var code = DossierCode.Format(_unitCode, _day, next);
        var last = sequence.State.Last;
        sequence.State.Last = next;
        try
        {
            await sequence.WriteStateAsync();
        }
        catch (Exception e)
        {
            sequence.State.Last = last;
            if (e is InconsistentStateException)
            {
                // Stored under another version: the database is not the one this activation read. The next reads it anew.
                DeactivateOnIdle();
            }
            throw;
        }
        return code;
    }
}
