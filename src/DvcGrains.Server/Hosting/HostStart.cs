namespace DvcGrains.Server.Hosting;

public static class HostStart
{
    /// <summary>
    /// Waits until the host has started (the silo takes grain calls only then); false when it stops first.
    /// </summary>
    public static async Task<bool> WaitUntilStarted(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(started.SetCanceled))
        {
            return await Task.WhenAny(started.Task) is not { IsCanceled: true };
        }
    }
}
