using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Codes;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Grains.Codes;

/// <summary>
/// The daily sequence of one unit. The sequence is persisted before a code is handed out, so a code is never handed
/// out twice, also across restarts (a crash may skip a number, which is harmless).
/// </summary>
public sealed class CodeAllocatorGrain(
    [PersistentState("sequence", GrainStorage.Codes)] IPersistentState<CodeSequence> sequence) : Grain, ICodeAllocatorGrain
{
    public async Task<string?> Allocate()
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.LastIndexOf('/');
        var unitCode = key[..separator];
        var day = DateOnly.ParseExact(key[(separator + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var next = sequence.State.Last + 1;
        if (next > DossierCode.MaxSequence)
        {
            return null;
        }
        var code = DossierCode.Format(unitCode, day, next);
        sequence.State.Last = next;
        try
        {
            await sequence.WriteStateAsync();
        }
        catch
        {
            sequence.State.Last = next - 1;
            throw;
        }
        return code;
    }
}

[GenerateSerializer]
public sealed class CodeSequence
{
    [Id(0)] public long Last { get; set; }
}
