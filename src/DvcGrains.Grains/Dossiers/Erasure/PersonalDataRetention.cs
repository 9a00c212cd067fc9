using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Hosting;
using DvcGrains.Domain.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Dossiers.Erasure;

/// <summary>
/// The retention policy (<see cref="RetentionOptions"/>): each silo looks, every <see cref="RetentionOptions.Interval"/>,
/// for dossiers closed longer ago than <see cref="RetentionOptions.PersonalDataAfter"/> whose personal data are kept,
/// and erases them a batch at a time through <see cref="PersonalDataEraser"/>, the longest closed first, until none is
/// left. Silos that look at once erase the same dossiers: each dossier's grain takes one erasure after the other, and
/// the second finds it erased and writes nothing, so the work is repeated at worst, never done twice.
/// </summary>
public sealed partial class PersonalDataRetention(
    IDossierStore store,
    PersonalDataEraser eraser,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<PersonalDataRetention> logger) : SiloBackgroundLoop
{
    /// <summary>A look ends after this many full batches: what storage keeps finding (a summary it cannot mark) waits for the next.</summary>
    private const int BatchesPerLook = 100;

    protected override async Task Run(CancellationToken stopping)
    {
        var retention = options.Value;
        if (!retention.Enabled)
        {
            return;
        }
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var found = retention.BatchSize;
                for (var batch = 0; batch < BatchesPerLook && found == retention.BatchSize; batch++)
                {
                    found = await EraseBatch(retention, stopping);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
            await Task.Delay(retention.Interval, clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Erases the oldest batch past the period; how many it found.</summary>
    private async Task<int> EraseBatch(RetentionOptions retention, CancellationToken stopping)
    {
        var now = clock.GetUtcNow();
        var due = await store.ClosedBefore(now - retention.PersonalDataAfter, retention.BatchSize, stopping);
        foreach (var dossierId in due)
        {
            stopping.ThrowIfCancellationRequested();
            await eraser.Erase(DossierErasure.ByRetention(dossierId, clock.GetUtcNow()), CallerScope.Everything);
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not erase the personal data of closed dossiers now; it tries again at its next look")]
    private partial void LogFailed(Exception exception);
}
