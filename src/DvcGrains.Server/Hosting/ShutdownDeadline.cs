namespace DvcGrains.Server.Hosting;

/// <summary>
/// Keeps a stop within <see cref="DvcOptions.ShutdownTimeout"/>. At 80 % of it the host cancels the stop of whatever
/// still runs (<see cref="HostOptions.ShutdownTimeout"/>), and at the full timeout the server process exits, exit code
/// 1: some parts do not give up by themselves, e.g. Orleans keeps trying for minutes to record in a membership table it
/// cannot reach that the silo left. Leaving without a word is safe: every acknowledged command is in the database, and
/// the other silos declare this one dead when it stops answering their probes. Only the process arms the exit; a
/// server hosted in another process (a test) gets the host's part alone.
/// </summary>
public static class ShutdownDeadline
{
    /// <summary>The part of the timeout the host gives the services' own stop before it cancels it.</summary>
    public const double CooperativeShare = 0.8;

    public const int ExitCode = 1;

    /// <summary>Held here, so that the timer is not collected before it fires.</summary>
    private static Timer? _deadline;

    public static void ConfigureHost(IServiceCollection services, DvcOptions options) =>
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout * CooperativeShare);

    /// <summary>From the moment <paramref name="app"/> starts stopping, exits the process if it is still there after the timeout.</summary>
    public static void ArmProcessExit(WebApplication app)
    {
        var options = app.Services.GetRequiredService<DvcOptions>();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        app.Lifetime.ApplicationStopping.Register(() =>
            _deadline = new Timer(_ => Exit(options, loggers), null, options.ShutdownTimeout, Timeout.InfiniteTimeSpan));
    }

    private static void Exit(DvcOptions options, ILoggerFactory loggers)
    {
        loggers.CreateLogger(typeof(ShutdownDeadline)).LogCritical(
            "The server did not stop within Dvc:ShutdownTimeout ({Timeout}); exiting now. Every acknowledged command is in the database; " +
            "the other silos declare this one dead when it no longer answers.", options.ShutdownTimeout);
        // Disposing the loggers writes out what they still hold; nothing runs after this but the exit.
        loggers.Dispose();
        Environment.Exit(ExitCode);
    }
}
