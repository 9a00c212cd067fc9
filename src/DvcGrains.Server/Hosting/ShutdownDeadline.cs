namespace DvcGrains.Server.Hosting;

/// <summary>
/// Keeps a stop within <see cref="DvcOptions.ShutdownTimeout"/>. At 80 % of it the host cancels the stop of whatever
/// still runs (<see cref="HostOptions.ShutdownTimeout"/>), and at the full timeout this exits the process, exit code 1:
/// some parts do not give up by themselves, e.g. Orleans keeps trying for minutes to record in a membership table it
/// cannot reach that the silo left. Leaving without a word is safe: every acknowledged command is in the database, and
/// the other silos declare this one dead when it stops answering their probes.
/// </summary>
public sealed class ShutdownDeadline(
    IHostApplicationLifetime lifetime, DvcOptions options, ILoggerFactory loggers, ILogger<ShutdownDeadline> logger)
    : IHostedService, IDisposable
{
    /// <summary>The part of the timeout the host gives the services' own stop before it cancels it.</summary>
    public const double CooperativeShare = 0.8;

    public const int ExitCode = 1;

    private CancellationTokenRegistration _stopping;
    private Timer? _deadline;

    public static void Configure(IServiceCollection services, DvcOptions options)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout * CooperativeShare);
        services.AddHostedService<ShutdownDeadline>();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() =>
            _deadline = new Timer(_ => Exit(), null, options.ShutdownTimeout, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Dispose();
        _deadline?.Dispose();
    }

    private void Exit()
    {
        logger.LogCritical(
            "The server did not stop within Dvc:ShutdownTimeout ({Timeout}); exiting now. Every acknowledged command is in the database; " +
            "the other silos declare this one dead when it no longer answers.", options.ShutdownTimeout);
        // Disposing the loggers writes out what they still hold; nothing runs after this but the exit.
        loggers.Dispose();
        Environment.Exit(ExitCode);
    }
}
