using System.Diagnostics;
using System.Globalization;
using DvcGrains.Persistence.Migrations;
using Npgsql;
using Xunit;

namespace DvcGrains.Testing;

/// <summary>
/// A private PostgreSQL for the tests of one class: a cluster initialized into a temporary directory, listening on a
/// free loopback port with its unix socket inside that directory, fsync off (the machine does not crash in a test;
/// commits stay synchronous, because an immediate stop must not lose what was acknowledged). <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take it away and bring it back on the same port (outage tests); disposing stops it and
/// deletes the directory. As root, the binaries run as the <c>postgres</c> user, because initdb refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private readonly string _directory = Path.Combine(
        Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath(), $"dvc-pg-{Guid.NewGuid():N}");
    private string _binaries = "";

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");
    private string SocketDirectory => Path.Combine(_directory, "socket");
    private string LogFile => Path.Combine(_directory, "postgres.log");

    /// <summary>Connection string of a database of this server (no password: the cluster trusts loopback).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SystemUser,
        Database = database,
        // Tests stop the server on purpose: fail fast instead of waiting the default 15 s.
        Timeout = 3,
    }.ConnectionString;

    /// <summary>Initializes and starts the cluster; when it does not start, stops what did and deletes the directory.</summary>
    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        try
        {
            Directory.CreateDirectory(SocketDirectory);
            if (Environment.IsPrivilegedProcess)
            {
                await Run("chown", ["-R", $"{SystemUser}:", _directory], asPostgres: false);
            }
            await Run(Path.Combine(_binaries, "initdb"),
                ["-D", DataDirectory, "-U", SystemUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
            Port = await FreePorts.StartOn(1, async ports =>
            {
                Port = ports[0];
                await StartAsync();
                return Port;
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, empty database; a test that needs a clean slate takes its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"dvc_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>A new database at this build's migration.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource).MigrateAsync();
        return connectionString;
    }

    /// <summary>
    /// From now on a role other than <c>postgres</c> (which the fixture's own connection strings use) must give its
    /// password over TCP (SCRAM), as a production database asks; the unix socket stays trusted.
    /// </summary>
    public async Task RequirePasswordsAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"),
            $"local all all trust\nhost all {SystemUser} 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
        var before = await ConfigurationLoadedAt();
        await Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "reload"]);
        // The reload is a signal: a new session forked after the server has read the file reports a later load time.
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (await ConfigurationLoadedAt() <= before)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"PostgreSQL on port {Port} did not reload pg_hba.conf within {CommandTimeout}.");
            }
            await Task.Delay(20);
        }
    }

    private async Task<DateTime> ConfigurationLoadedAt()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var loaded = new NpgsqlCommand("SELECT pg_conf_load_time()", connection);
        return (DateTime)(await loaded.ExecuteScalarAsync())!;
    }

    /// <summary>Stops the server at once, as a crash or a network cut would (connections drop, nothing is flushed).</summary>
    public Task StopAsync() =>
        Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>
    /// Starts the server (again) on the same port; returns when it accepts connections. Sessions run in Vietnam's
    /// time zone, so that a time written without its offset shows up as seven hours off. The test process's own pools
    /// forget the connections of an earlier run, which the restart closed.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">Its port was taken (the log says so).</exception>
    public async Task StartAsync()
    {
        var logged = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        try
        {
            await Run(Path.Combine(_binaries, "pg_ctl"), [
                "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
                "-o", string.Create(CultureInfo.InvariantCulture,
                    $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off -c timezone=Asia/Ho_Chi_Minh"),
                "start"]);
        }
        catch (InvalidOperationException e)
        {
            throw FreePorts.NotStarted(e.Message, LogSince(logged));
        }
        NpgsqlConnection.ClearAllPools();
    }

    private string LogSince(long offset)
    {
        if (!File.Exists(LogFile))
        {
            return "";
        }
        using var log = File.OpenRead(LogFile);
        log.Seek(Math.Min(offset, log.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(log);
        return reader.ReadToEnd();
    }

    public async Task DisposeAsync()
    {
        if (_binaries.Length > 0 && Directory.Exists(DataDirectory))
        {
            try
            {
                await StopAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped (an outage test that failed half-way).
            }
        }
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        var binaries = installed ?? onPath ?? throw new InvalidOperationException(
            "The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl), found neither under " +
            "/usr/lib/postgresql/*/bin nor on PATH. Install them: `sudo apt-get install -y postgresql` (Debian/Ubuntu).");
        if (Environment.IsPrivilegedProcess && !UserExists(SystemUser))
        {
            throw new InvalidOperationException(
                "The tests run as root and initdb refuses root, so PostgreSQL runs as the 'postgres' user, which does not " +
                "exist. `sudo apt-get install -y postgresql` creates it, or run the tests as an ordinary user.");
        }
        return binaries;
    }

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static Task Run(string program, IReadOnlyList<string> arguments) =>
        Run(program, arguments, asPostgres: Environment.IsPrivilegedProcess);

    private static async Task Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", SystemUser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // pg_ctl start leaves the server running with inherited handles: read until exit, not until end of stream.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var said = await Task.WhenAll(error, output).WaitAsync(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {string.Concat(said)}");
        }
    }
}
