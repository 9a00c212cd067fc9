using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Grains.Dossiers.Erasure;

/// <summary>
/// The one way a dossier's personal data are erased, on request or by retention: its grain rewrites storage and
/// itself, then this silo's change feed forgets what it kept of the dossier before it answers (other silos' feeds learn
/// of it from the register within <see cref="Changes.ChangeFeedHub.ErasureCheckInterval"/>). Counted, and logged by
/// the dossier's code alone.
/// </summary>
public sealed partial class PersonalDataEraser(IGrainFactory grains, IChangeFeed feed, ErasureMetrics metrics, ILogger<PersonalDataEraser> logger)
{
    /// <summary>The dossier as it is after the erasure (or as an earlier one left it); null when it does not exist in <paramref name="scope"/>.</summary>
    public async Task<DossierState?> Erase(DossierErasure erasure, CallerScope scope)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var dossier = await grains.GetGrain<IDossierGrain>(erasure.DossierId).ErasePersonalData(erasure, scope);
        if (dossier is null)
        {
            return null;
        }
        feed.Forget([erasure.DossierId]);
        if (dossier.PersonalDataErasedAt == erasure.At)
        {
            metrics.Erased(erasure.Cause);
            LogErased(erasure.DossierId, erasure.Cause);
        }
        return dossier;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased the personal data of dossier {DossierId} ({Cause})")]
    private partial void LogErased(string dossierId, ErasureCause cause);
}
