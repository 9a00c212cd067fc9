using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace DvcGrains.Testing;

/// <summary>
/// A private PgBouncer in front of a <see cref="PostgresServer"/>, in the given pool mode, on a free loopback port,
/// trusting every client as the server does; disposing stops it and deletes its directory. As root it drops to the
/// <c>postgres</c> user, because PgBouncer refuses to run as root.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private const string Program = "/usr/sbin/pgbouncer";
    private const string SystemUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly Process _process;

    private PgBouncer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary><paramref name="connectionString"/> (a database of the server behind) through this pooler.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Port = Port }.ConnectionString;

    /// <summary>Starts PgBouncer with <c>pool_mode</c> <paramref name="poolMode"/> (session, transaction or statement).</summary>
    public static Task<PgBouncer> StartAsync(PostgresServer postgres, string poolMode) =>
        FreePorts.StartOn(1, ports => StartAsync(postgres, poolMode, ports[0]));

    private static async Task<PgBouncer> StartAsync(PostgresServer postgres, string poolMode, int port)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException(
                $"The pooler tests need PgBouncer ({Program}), which is not installed: `sudo apt-get install -y pgbouncer` (Debian/Ubuntu).");
        }
        var directory = Path.Combine(Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath(), $"dvc-pgbouncer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var configuration = Path.Combine(directory, "pgbouncer.ini");
        await File.WriteAllTextAsync(Path.Combine(directory, "users.txt"), $"\"{SystemUser}\" \"\"\n");
        await File.WriteAllTextAsync(configuration, string.Create(CultureInfo.InvariantCulture, $"""
            [databases]
            * = host=127.0.0.1 port={postgres.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {directory}/users.txt
            pool_mode = {poolMode}
            max_client_conn = 500
            ; in session mode each client holds a server for its life: room for every connection a silo opens
            default_pool_size = 150
            ignore_startup_parameters = extra_float_digits,search_path,options
            logfile = {directory}/pgbouncer.log

            """));
        var start = new ProcessStartInfo { FileName = Program, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        if (Environment.IsPrivilegedProcess)
        {
            await Chown(directory);
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(SystemUser);
        }
        start.ArgumentList.Add(configuration);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Program}.");
        // It logs to its file; its pipes are drained so that it never blocks on them.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var bouncer = new PgBouncer(directory, process, port);
        try
        {
            await bouncer.WaitUntilListening();
            return bouncer;
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// Until its log says it listens on its port: a connection to the port could reach another process that took it
    /// first, while this one is failing to bind it.
    /// </summary>
    private async Task WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        var listening = string.Create(CultureInfo.InvariantCulture, $"listening on 127.0.0.1:{Port}");
        while (!Log().Contains(listening, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                var log = Log();
                throw FreePorts.NotStarted($"PgBouncer exited with {_process.ExitCode}: {log}", log);
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"PgBouncer did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s: {Log()}");
            }
            await Task.Delay(50);
        }
    }

    private string Log()
    {
        var log = Path.Combine(_directory, "pgbouncer.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static async Task Chown(string directory)
    {
        using var chown = Process.Start("chown", ["-R", $"{SystemUser}:", directory]);
        await chown.WaitForExitAsync();
    }
}
