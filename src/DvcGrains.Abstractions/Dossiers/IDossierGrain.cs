using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>One dossier (hồ sơ), keyed by its code. Commands run one at a time, so a dossier never races itself.</summary>
public interface IDossierGrain : IGrainWithStringKey
{
    /// <summary>Applies a command once: a retry with a known request id replays the first reply.</summary>
    Task<DossierReply> Execute(CommandEnvelope envelope);

    /// <summary>
    /// The dossier now, with its history when asked; null when it does not exist or its unit is outside
    /// <paramref name="scope"/>, which is checked before anything else is read, so that a caller learns nothing of
    /// another unit's dossiers. Reads wait for no other read and change no dossier.
    /// </summary>
    [ReadOnly]
    Task<DossierDocument?> Read(CallerScope scope, bool includeHistory);

    /// <summary>
    /// Erases the dossier's personal data (<see cref="Domain.Dossiers.PersonalData"/>) through storage and in this
    /// activation, and answers the dossier as it is then; a dossier erased before is answered as it is. Null, as
    /// <see cref="Read"/>, when it does not exist or is outside <paramref name="scope"/>.
    /// </summary>
    Task<DossierState?> ErasePersonalData(DossierErasure erasure, CallerScope scope);
}
