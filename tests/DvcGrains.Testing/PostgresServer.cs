using System.Diagnostics;
using System.Globalization;
using DvcGrains.Persistence.Migrations;
using Npgsql;
using Xunit;

namespace DvcGrains.Testing;

/// <summary>
/// A private PostgreSQL for the tests of one class: a cluster initialized into a temporary directory, listening on a
/// free loopback port with its unix socket inside that directory. It runs with fsync and full_page_writes on, as the
/// server demands of any database it uses, and keeps its files in memory (<c>/dev/shm</c>, where a flush is nearly free)
/// where the machine has it. <see cref="StopAsync()"/> and <see cref="StartAsync"/> take it away and bring it back on
/// the same port (outage tests), <see cref="RestartAsync"/> does both, <see cref="PromoteAsync"/> makes a standby the
/// primary and <see cref="Freeze"/> stops its processes where they are; disposing stops it and deletes the directory.
/// <see cref="StartStandbyAsync"/> makes a streaming standby of a running server (<see cref="ReplicatedPostgres"/>). As
/// root, the binaries run as the <c>postgres</c> user, because initdb refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private readonly string _directory = Path.Combine(FilesRoot(), $"dvc-pg-{Guid.NewGuid():N}");
    private string _binaries = "";

    /// <summary>Server settings beside the defaults, each given as <c>-c name=value</c> at every start.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>More arguments for initdb, e.g. <c>--wal-segsize=1</c>.</summary>
    public IReadOnlyList<string> InitdbArguments { get; init; } = [];

    /// <summary>Copies each finished WAL segment to <see cref="ArchiveDirectory"/>, which a point-in-time recovery reads back.</summary>
    public bool ArchivesWal { get; init; }

    /// <summary>Where an archiving server copies its WAL segments.</summary>
    public string ArchiveDirectory => Path.Combine(_directory, "archive");

    private string BackupDirectory => Path.Combine(_directory, "backup");

    /// <summary>
    /// When set, the WAL (<c>pg_wal</c>) lives on a disk of its own this small, a tmpfs mounted for it (as root), which
    /// <see cref="FillWalDisk"/> fills and <see cref="FreeWalDisk"/> frees.
    /// </summary>
    public int? WalDiskMegabytes { get; init; }

    private string WalDisk => Path.Combine(_directory, "wal");
    private string WalDiskFiller => Path.Combine(WalDisk, "filler");

    public int Port { get; private set; }

    /// <summary>
    /// An address it listens on besides loopback, whose /24 it trusts (a test's network of namespaces); set before
    /// <see cref="InitializeAsync"/>.
    /// </summary>
    public string? NetworkAddress { get; init; }

    /// <summary>The cluster's files: <c>pg_wal</c>, <c>postgresql.auto.conf</c>, <c>postmaster.pid</c>.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    private string SocketDirectory => Path.Combine(_directory, "socket");
    private string LogFile => Path.Combine(_directory, "postgres.log");

    /// <summary>What the server logged so far, for a failing test's message.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";

    /// <summary>
    /// The connection Timeout, in seconds, for a database a test keeps up while the machine may be busy (decision 24):
    /// at a load of 40, opening a connection took past <see cref="ConnectionString"/>'s 3 s.
    /// </summary>
    public const int PatientTimeout = 30;

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
        await Create(async () =>
        {
            string[] wal = [];
            if (WalDiskMegabytes is { } megabytes)
            {
                Directory.CreateDirectory(WalDisk);
                await Run("mount", ["-t", "tmpfs", "-o", $"size={Text(megabytes)}m", "tmpfs", WalDisk], asPostgres: false);
                await Run("chown", [$"{SystemUser}:", WalDisk], asPostgres: false);
                wal = ["-X", WalDisk];
            }
            await Run(Path.Combine(_binaries, "initdb"),
                ["-D", DataDirectory, "-U", SystemUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", .. wal, .. InitdbArguments]);
            if (NetworkAddress is { } address)
            {
                await File.AppendAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"), $"host all all {address}/24 trust\n");
            }
        });
    }

    /// <summary>Fills the WAL's disk (<see cref="WalDiskMegabytes"/>) to its last byte: the server's next new WAL segment cannot be written.</summary>
    public async Task FillWalDisk()
    {
        var block = new byte[1024 * 1024];
        await using var filler = new FileStream(WalDiskFiller, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                await filler.WriteAsync(block);
            }
        }
        catch (IOException)
        {
            // Full. A last, partial block did not fit; a byte at a time fills what is left.
        }
        try
        {
            while (true)
            {
                await filler.WriteAsync(block.AsMemory(0, 1));
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Frees what <see cref="FillWalDisk"/> took.</summary>
    public void FreeWalDisk() => File.Delete(WalDiskFiller);

    /// <summary>
    /// A standby of <paramref name="primary"/>: its files copied with <c>pg_basebackup -R</c> (which sets it to stream
    /// from the primary), started on a port of its own. <paramref name="name"/> is its <c>cluster_name</c>, which its
    /// connection to the primary gives as application name: what <c>synchronous_standby_names</c> lists.
    /// </summary>
    public static async Task<PostgresServer> StartStandbyAsync(PostgresServer primary, string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var standby = new PostgresServer
        {
            Settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["cluster_name"] = name },
            _binaries = FindBinaries(),
        };
        await standby.Create(() => Run(Path.Combine(standby._binaries, "pg_basebackup"),
            ["-D", standby.DataDirectory, "-h", "127.0.0.1", "-p", Text(primary.Port), "-U", SystemUser, "-X", "stream", "-R", "--no-sync"]));
        return standby;
    }

    /// <summary>Makes the cluster's files, then starts it; whatever it started is stopped and deleted when that fails.</summary>
    private async Task Create(Func<Task> makeFiles)
    {
        try
        {
            Directory.CreateDirectory(SocketDirectory);
            if (Environment.IsPrivilegedProcess)
            {
                await Run("chown", ["-R", $"{SystemUser}:", _directory], asPostgres: false);
            }
            await makeFiles();
            if (ArchivesWal)
            {
                await Run("mkdir", [ArchiveDirectory]);
            }
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
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"dvc_{Guid.NewGuid():N}";
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

    /// <summary>The first value <paramref name="sql"/> answers in <paramref name="database"/>, on a connection of its own.</summary>
    public async Task<T> Scalar<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
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
    public Task StopAsync() => StopAsync(PostgresStop.Immediate);

    public Task StopAsync(PostgresStop mode) =>
        Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", mode == PostgresStop.Fast ? "fast" : "immediate", "-w", "stop"]);

    /// <summary>Stops the server as <paramref name="mode"/> says and starts it again on the same port.</summary>
    public async Task RestartAsync(PostgresStop mode)
    {
        await StopAsync(mode);
        await StartAsync();
    }

    /// <summary>
    /// Starts the server (again) on the same port; returns when it accepts connections. Sessions run in Vietnam's
    /// time zone, so that a time written without its offset shows up as seven hours off. The test process's own pools
    /// forget the connections of an earlier run, which the restart closed.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">Its port was taken (the log says so).</exception>
    public async Task StartAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1{(NetworkAddress is null ? "" : "," + NetworkAddress)} -c max_connections=300 -c timezone=Asia/Ho_Chi_Minh");
        foreach (var (name, value) in Settings)
        {
            options += $" -c {name}={value}";
        }
        if (ArchivesWal)
        {
            // pg_ctl hands the options to a shell: the quotes keep the command one argument.
            options += $" -c archive_mode=on -c \"archive_command=test ! -f {ArchiveDirectory}/%f && cp %p {ArchiveDirectory}/%f\"";
        }
        var logged = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
        try
        {
            await Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"]);
        }
        catch (InvalidOperationException e)
        {
            throw FreePorts.NotStarted(e.Message, LogSince(logged));
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A base backup of the running server (<c>pg_basebackup</c>), kept for <see cref="RecoverAsync"/>.</summary>
    public Task BaseBackupAsync() => Run(Path.Combine(_binaries, "pg_basebackup"),
        ["-D", BackupDirectory, "-h", "127.0.0.1", "-p", Text(Port), "-U", SystemUser, "-X", "stream", "--checkpoint=fast", "--no-sync"]);

    /// <summary>
    /// Names the point the WAL has reached (<c>pg_create_restore_point</c>), then ends the segment and waits until it is
    /// archived, so that a recovery from the archive can stop there.
    /// </summary>
    public async Task CreateRestorePointAsync(string name)
    {
        await Scalar<object>($"SELECT pg_create_restore_point('{name}')::text");
        var segment = await Scalar<string>("SELECT pg_walfile_name(pg_switch_wal())");
        await Eventually.Until(
            async () => string.CompareOrdinal(await Scalar<string?>("SELECT last_archived_wal FROM pg_stat_archiver") ?? "", segment) >= 0,
            $"the archive holds WAL segment {segment}, which ends restore point {name}", CommandTimeout.TotalSeconds);
    }

    /// <summary>
    /// Makes this server a point-in-time recovery of <paramref name="source"/>: stops it, takes the source's base backup
    /// (<see cref="BaseBackupAsync"/>) as its files, replays the source's archived WAL up to the restore point
    /// <paramref name="restorePoint"/> and starts on its own port as a primary of a new timeline; returns once it takes writes.
    /// </summary>
    public async Task RecoverAsync(PostgresServer source, string restorePoint)
    {
        ArgumentNullException.ThrowIfNull(source);
        await StopAsync(PostgresStop.Fast);
        Directory.Delete(DataDirectory, recursive: true);
        await Run("cp", ["-a", source.BackupDirectory, DataDirectory]);
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.auto.conf"),
        [
            $"restore_command = 'cp {source.ArchiveDirectory}/%f %p'",
            $"recovery_target_name = '{restorePoint}'",
            "recovery_target_action = 'promote'",
        ]);
        await Run("touch", [Path.Combine(DataDirectory, "recovery.signal")]);
        await StartAsync();
        await Eventually.Until(async () => !await Scalar<bool>("SELECT pg_is_in_recovery()"),
            "the restored cluster reaches its restore point and takes writes", CommandTimeout.TotalSeconds);
    }

    /// <summary>A dump of <paramref name="database"/> (<c>pg_dump</c>, custom format); answers its file.</summary>
    public async Task<string> DumpAsync(string database)
    {
        var file = Path.Combine(_directory, $"{database}.dump");
        await Run(Path.Combine(_binaries, "pg_dump"), ["-Fc", "-f", file, "-h", "127.0.0.1", "-p", Text(Port), "-U", SystemUser, database]);
        return file;
    }

    /// <summary>Restores a dump (<see cref="DumpAsync"/>, of any server) into a new database of this server named <paramref name="database"/>.</summary>
    public async Task RestoreDumpAsync(string file, string database)
    {
        await CreateDatabaseAsync(database);
        await Run(Path.Combine(_binaries, "pg_restore"), ["-h", "127.0.0.1", "-p", Text(Port), "-U", SystemUser, "-d", database, file]);
    }


    /// <summary>
    /// Starts the server unless it runs, as a supervisor (systemd, Patroni) restarts one that stopped by itself (after
    /// a PANIC its crash recovery may fail too); returns once it accepts connections.
    /// </summary>
    public async Task EnsureRunningAsync()
    {
        using var deadline = new CancellationTokenSource(CommandTimeout);
        while (true)
        {
            if (await Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "status"], Environment.IsPrivilegedProcess, check: false) != 0)
            {
                await StartAsync();
                return;
            }
            try
            {
                await Scalar<int>("SELECT 1");
                return;
            }
            catch (NpgsqlException)
            {
                // Still recovering, or on its way out: look again.
                await Task.Delay(200, deadline.Token);
            }
        }
    }

    /// <summary>Makes a standby the primary (<c>pg_ctl promote</c>); returns once it takes writes.</summary>
    public Task PromoteAsync() => Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-w", "-t", "60", "promote"]);

    /// <summary>Stops every process of the server where it is (SIGSTOP), as a machine that hangs looks to its peers.</summary>
    public Task Freeze() => Signal("-STOP");

    /// <summary>Lets a frozen server go on (SIGCONT).</summary>
    public Task Thaw() => Signal("-CONT");

    /// <summary>
    /// Kills a standby's WAL receiver (SIGKILL, which reaches a frozen process too): the WAL the primary had sent and the
    /// standby not yet read, waiting in its socket, is gone, as if the network had lost it. The standby restarts its
    /// processes once thawed.
    /// </summary>
    public async Task KillWalReceiver()
    {
        var receivers = Children().Where(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("walreceiver", StringComparison.Ordinal)).ToList();
        if (receivers.Count == 0)
        {
            throw new InvalidOperationException("The server has no WAL receiver: it is not a streaming standby.");
        }
        await Run("kill", ["-KILL", .. receivers], asPostgres: false);
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
        if (_binaries.Length > 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                // A frozen server would not stop.
                await Thaw();
                await StopAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped (an outage test that failed half-way).
            }
        }
        if (WalDiskMegabytes is not null && Directory.Exists(WalDisk))
        {
            await Run("umount", [WalDisk], asPostgres: false, check: false);
        }
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the postmaster, then to every process it started; a backend that ended
    /// meanwhile is no longer there to be signalled.
    /// </summary>
    private async Task Signal(string signal)
    {
        await Run("kill", [signal, Postmaster()], asPostgres: false);
        var children = Children();
        if (children.Count > 0)
        {
            await Run("kill", [signal, .. children], asPostgres: false, check: false);
        }
    }

    private string Postmaster() => File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();

    /// <summary>The processes the postmaster started, as they are now.</summary>
    private List<string> Children()
    {
        var postmaster = int.Parse(Postmaster(), CultureInfo.InvariantCulture);
        return [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).OfType<string>().Where(pid => int.TryParse(pid, out _) && ParentOf(pid) == postmaster)];
    }

    /// <summary>The parent of a process, from <c>/proc/PID/stat</c> (its fourth field, after the parenthesised name); 0 when it is gone.</summary>
    private static int ParentOf(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Memory-backed when the machine has it: a flush there costs little, so fsync stays on at no cost.</summary>
    private static string FilesRoot() =>
        Directory.Exists("/dev/shm") ? "/dev/shm" : Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath();

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

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<int> Run(string program, IReadOnlyList<string> arguments) =>
        Run(program, arguments, asPostgres: Environment.IsPrivilegedProcess);

    /// <returns>The program's exit code; with <paramref name="check"/>, any but 0 throws.</returns>
    private static async Task<int> Run(string program, IReadOnlyList<string> arguments, bool asPostgres, bool check = true)
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
        if (check && process.ExitCode != 0)
        {
            var said = await Task.WhenAll(error, output).WaitAsync(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {string.Concat(said)}");
        }
        return process.ExitCode;
    }
}
