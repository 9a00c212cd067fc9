using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Kpis;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// The database restored from a backup, as an operator restores it after a mistake (docs/operations.md, restoring the
/// database): from a dump into a new cluster, and to a point in time from a base backup and the WAL archive. Dossiers
/// are filed before the backup's point and after it (those are lost with the restore), the silo is stopped, the
/// database restored and migrated, a new silo started on it and more dossiers filed. A sync agent that followed past
/// the backup's point is refused with FEED_RESET, never left to skip; one whose position lies before it goes on without
/// a gap; one that follows from the first change sees every dossier the restored database holds, each command once;
/// the counters are exact; and no dossier code handed out before the restore, even on the lost stretch, is handed out again.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class RestoreTests(ITestOutputHelper log)
{
    private const string Procedure = "1.001193";
    private const string RestorePoint = "before-the-mistake";

    [Fact]
    public async Task A_restore_from_a_dump_into_a_new_cluster_resets_positions_past_the_dump_keeps_those_before_it_and_the_counters_and_codes_right()
    {
        await using var original = new PostgresServer();
        await original.InitializeAsync();
        await using var restored = new PostgresServer();
        await restored.InitializeAsync();
        var scenario = await Scenario.Before(original, log);
        var dump = await original.DumpAsync(scenario.Database);

        await scenario.LoseAStretchAndStop(original);
        await restored.RestoreDumpAsync(dump, scenario.Database);

        await scenario.ResumeOn(restored);
    }

    [Fact]
    public async Task A_point_in_time_restore_from_a_base_backup_and_the_wal_archive_resets_positions_past_its_point_keeps_those_before_it_and_the_counters_and_codes_right()
    {
        await using var original = new PostgresServer { ArchivesWal = true };
        await original.InitializeAsync();
        await using var restored = new PostgresServer();
        await restored.InitializeAsync();
        var scenario = await Scenario.Before(original, log, backUp: original.BaseBackupAsync);
        await original.CreateRestorePointAsync(RestorePoint);

        await scenario.LoseAStretchAndStop(original);
        await restored.RecoverAsync(original, RestorePoint);

        await scenario.ResumeOn(restored);
    }

    /// <summary>One silo at a time on the database, a follower beside it, and what was filed and followed before the restore.</summary>
    private sealed class Scenario
    {
        private const int Workers = 4;
        private const int DossiersPerStretch = 30;

        private readonly ITestOutputHelper _log;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly CodedFiling _kept;
        private readonly CodedFiling _lost;
        private readonly IReadOnlyList<string> _communes;
        private RunningServer _silo;
        private string _positionBeforeBackup = "";

        private Scenario(RunningServer silo, string database, IReadOnlyList<string> communes, ITestOutputHelper log)
        {
            (_silo, Database, _communes, _log) = (silo, database, communes, log);
            _kept = new CodedFiling(communes, Procedure);
            _lost = new CodedFiling(communes, Procedure);
        }

        public string Database { get; }

        /// <summary>A migrated database and a silo on it; <paramref name="backUp"/> runs before anything is filed; then a stretch filed and followed.</summary>
        public static async Task<Scenario> Before(PostgresServer original, ITestOutputHelper log, Func<Task>? backUp = null)
        {
            var connectionString = await original.CreateMigratedDatabaseAsync();
            if (backUp is not null)
            {
                await backUp();
            }
            var silo = await RunningServer.StartOn(connectionString);
            var communes = (await silo.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "79" })).Units.Take(6).Select(u => u.Code).ToList();
            var scenario = new Scenario(silo, new NpgsqlConnectionStringBuilder(connectionString).Database!, communes, log);
            await scenario._kept.File(() => scenario._silo.Dossiers, DossiersPerStretch, Workers);
            var follower = new PositionFollower();
            await follower.FollowUntil(() => scenario._silo.Dossiers, Commands(scenario._kept));
            scenario._positionBeforeBackup = follower.Last;
            scenario.Log($"{scenario._kept.Acknowledged.Count} commands filed and followed before the backup's point");
            return scenario;
        }

        /// <summary>Files and follows a stretch the restore will lose, then stops the silo and the database.</summary>
        public async Task LoseAStretchAndStop(PostgresServer original)
        {
            await _lost.File(() => _silo.Dossiers, DossiersPerStretch, Workers);
            var follower = new PositionFollower(_positionBeforeBackup);
            await follower.FollowUntil(() => _silo.Dossiers, Commands(_lost));
            PositionLost = follower.Last;
            await _silo.DisposeAsync();
            await original.StopAsync();
            Log($"{_lost.Acknowledged.Count} commands filed and followed after it; silo and database stopped");
        }

        private string PositionLost { get; set; } = "";

        /// <summary>Migrates the restored database, starts a silo on it, files a stretch, and checks everything the class says.</summary>
        public async Task ResumeOn(PostgresServer restored)
        {
            var connectionString = restored.ConnectionString(Database);
            await using var database = NpgsqlDataSource.Create(connectionString);
            await new Migrator(database).MigrateAsync();
            _silo = await RunningServer.StartOn(connectionString);
            try
            {
                Log("restored, migrated and a silo started on it");
                var after = new CodedFiling(_communes, Procedure);
                await after.File(() => _silo.Dossiers, DossiersPerStretch, Workers);
                Log($"{after.Acknowledged.Count} commands filed after the restore");

                var pastTheBackup = new PositionFollower(PositionLost);
                await pastTheBackup.FollowUntil(() => _silo.Dossiers, Commands(after));
                var beforeTheBackup = new PositionFollower(_positionBeforeBackup);
                await beforeTheBackup.FollowUntil(() => _silo.Dossiers, Commands(after));
                var fromTheStart = new PositionFollower();
                await fromTheStart.FollowUntil(() => _silo.Dossiers, Commands(after));
                Log($"followed: {fromTheStart.Received.Count} changes from the start");

                // The agent past the backup's point is told to start again, in words it can act on, and given nothing.
                Assert.Empty(pastTheBackup.Received);
                Assert.Equal((StatusCode.FailedPrecondition, "FEED_RESET"), (pastTheBackup.Reset?.StatusCode, pastTheBackup.Reset?.Trailers.GetValue("dvc-error")));
                Assert.Contains("Follow again from the first change", pastTheBackup.Reset!.Status.Detail, StringComparison.Ordinal);

                // From the start: every command of every dossier the restored database holds, once, in version order, in
                // position order; the dossiers filed before the backup and after the restore all there, those of the
                // lost stretch not.
                var followed = fromTheStart.Received;
                Assert.Null(fromTheStart.Reset);
                Assert.Equal(followed.Select(c => c.Position).Order(StringComparer.Ordinal), followed.Select(c => c.Position));
                Assert.Equal(followed.Count, followed.Select(c => (c.Dossier.DossierId, c.Event.Version)).Distinct().Count());
                var dossierIds = followed.Select(c => c.Dossier.DossierId).Distinct().ToList();
                foreach (var dossierId in dossierIds)
                {
                    var dossier = await _silo.Dossiers.GetAsync(new GetDossierRequest { DossierId = dossierId, IncludeHistory = true });
                    Assert.Equal(dossier.History.Select(e => e.Version), followed.Where(c => c.Dossier.DossierId == dossierId).Select(c => c.Event.Version));
                }
                Assert.Superset(Commands(_kept).Concat(Commands(after)).ToHashSet(), followed.Select(c => (c.Dossier.DossierId, c.Event.Version)).ToHashSet());
                Assert.Empty(dossierIds.Intersect(_lost.Acknowledged.Select(a => a.DossierId)));

                // An agent whose position lies before the backup's point goes on without a gap or a repeat.
                var index = followed.Select(c => c.Position).ToList().IndexOf(_positionBeforeBackup);
                Assert.True(index >= 0, "the position before the backup's point is a position of the restored history");
                Assert.Null(beforeTheBackup.Reset);
                Assert.Equal(followed.Skip(index + 1).Select(c => c.Position), beforeTheBackup.Received.Select(c => c.Position));

                // No code handed out twice: none after the restore was handed out before it, on the kept or the lost stretch.
                Assert.Empty(after.Codes.Intersect(_kept.Codes.Concat(_lost.Codes)));
                Assert.Equal(after.Codes.Count, after.Codes.Distinct().Count());

                var verification = await Verifiers.Of(database).Verify(_silo.Kpis, KpiVerifier.DefaultSettle);
                Log(verification.Summary);
                Assert.Equal([], verification.Mismatches);
            }
            finally
            {
                await _silo.DisposeAsync();
            }
        }

        private static HashSet<(string DossierId, long Version)> Commands(CodedFiling filing) => [.. filing.Acknowledged];

        private void Log(string what) => _log.WriteLine($"{_watch.Elapsed:mm\\:ss\\.f} {what}");
    }
}
