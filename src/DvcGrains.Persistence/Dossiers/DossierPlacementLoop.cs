using DvcGrains.Abstractions.Hosting;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Places the dossiers a reform left (<see cref="DossierPlacement.PlaceRemaining"/>) from the silo's start, and looks
/// again every <see cref="Interval"/>: after a reform that another placer left unfinished, or that made this silo's
/// placement the database's while it ran. The silo serves meanwhile; what is not placed yet is listed under its units
/// before the reform.
/// </summary>
public sealed partial class DossierPlacementLoop(DossierPlacement placement, ILogger<DossierPlacementLoop> logger) : SiloBackgroundLoop
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task Run(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await placement.PlaceRemaining(wait: false, progress: null, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotPlaced(e, Interval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not place the dossiers a reform left; trying again in {Seconds} s")]
    private partial void LogNotPlaced(Exception exception, double seconds);
}
