using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>The write path on PostgreSQL, end to end: what a crash between commit and reply leaves, and batching.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DurableWritePathTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    /// <summary>
    /// The server's commit waits behind a lock; the server is killed; the lock goes and the commit lands with nobody to
    /// answer. The portal's retry with the same request id gets the first reply, and the counters count the dossier once.
    /// </summary>
    [Fact]
    public async Task A_command_committed_after_its_server_died_is_answered_by_the_retry_and_counted_once()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);
        var id = NewDossierId();
        var submit = new SubmitRequest { Meta = Meta(id), UnitCode = "96", ProcedureCode = "1.001193", Channel = Channel.InPerson };
        var commune = "";

        await using (var blocker = await database.OpenConnectionAsync())
        {
            await using var holding = await blocker.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand(
                "INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event, incarnation) VALUES ($1, 1, 'lock', '\\x00', '{}', 1)", blocker, holding))
            {
                hold.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
                await hold.ExecuteNonQueryAsync();
            }
            await using var first = await ServerProcess.Start("--ConnectionStrings:Postgres", connectionString);
            commune = (await new Catalog.CatalogClient(first.Channel).ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units[0].Code;
            submit.UnitCode = commune;
            var unanswered = new Dossiers.DossiersClient(first.Channel).SubmitAsync(submit).ResponseAsync;
            await WaitForLockWait(database);

            first.Crash();
            await first.WaitForExit(TimeSpan.FromSeconds(10));
            await holding.RollbackAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => unanswered);
        }
        await Eventually.Read(() => Count(database, "SELECT count(*) FROM dossier_event WHERE dossier_id = $1", id), n => n == 1);

        await using var second = await ServerProcess.Start("--ConnectionStrings:Postgres", connectionString);
        var retried = await new Dossiers.DossiersClient(second.Channel).SubmitAsync(submit);
        var kpis = new Api.V1.Kpis.KpisClient(second.Channel);
        var year = await Eventually.Read(
            () => kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "VN", Period = new Period { Kind = PeriodKind.Year, Date = "2026-06-01" } }).ResponseAsync,
            k => k.Counters.Received >= 1);

        Assert.True(retried.Replayed);
        Assert.Equal((1L, DossierStatus.Received, commune), (retried.Dossier.Version, retried.Dossier.Status, retried.Dossier.UnitCode));
        Assert.Equal(1, await Count(database, "SELECT count(*) FROM dossier_event WHERE dossier_id = $1", id));
        Assert.Equal(1, year.Counters.Received);
    }

    /// <summary>Many portals at once: the database commits far fewer transactions than it is given commands.</summary>
    [Fact]
    public async Task Ten_thousand_concurrent_commands_commit_in_far_fewer_transactions()
    {
        const int Dossiers = 2_500;
        const int Commands = Dossiers * 4;
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var server = await RunningServer.StartOn(connectionString);
        var communes = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "79" })).Units.Select(u => u.Code).ToList();
        var before = await Count(database, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");

        await Parallel.ForEachAsync(Enumerable.Range(0, Dossiers), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
        {
            var id = NewDossierId();
            await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = communes[i % communes.Count], ProcedureCode = "1.001193", Channel = Channel.InPerson }, cancellationToken: token);
            await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) }, cancellationToken: token);
            await server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" }, cancellationToken: token);
            await server.Dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }, cancellationToken: token);
        });
        var events = await Count(database, "SELECT count(*) FROM dossier_event");
        // Statistics reach pg_stat_database when the backends report them, within a second or so.
        var after = await Eventually.Read(
            () => Count(database, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
            commits => commits - before >= Commands / 64);
        var transactions = after - before;

        Assert.Equal(Commands, events);
        Assert.True(transactions < Commands / 2, $"{Commands} commands took {transactions} transactions");
    }

    private static async Task WaitForLockWait(NpgsqlDataSource database) =>
        await Eventually.Read(() => Count(database, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"), n => n > 0);

    private static async Task<long> Count(NpgsqlDataSource database, string sql, string? parameter = null)
    {
        await using var command = database.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
