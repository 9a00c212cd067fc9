using DvcGrains.Domain.Dossiers;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Dossiers.Legacy;
using DvcGrains.Persistence.Migrations;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>Dossiers that a build before migration 0005 stored as grain state, moved by this build's import.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class LegacyDossierImportTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Each_dossier_moves_whole_with_the_request_ids_that_build_kept_and_its_ledger_row_at_its_version()
    {
        await using var database = await MigratedBefore0005Dossiers();
        var import = LegacyDossierImport.Create(database);
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database));
        var store = new PostgresDossierStore(database, pipeline);

        var moved = await import.ImportAsync(CancellationToken.None);
        var again = await import.ImportAsync(CancellationToken.None);

        Assert.Equal((DossiersStoredBefore0005.Count, 0), (moved, again));
        Assert.Equal(0, await Remaining(database));
        foreach (var (dossierId, requestIds) in DossiersStoredBefore0005.Requests)
        {
            var events = await store.Load(dossierId, CancellationToken.None);
            Assert.Equal(requestIds, events.Select(e => e.RequestId));
            Assert.Equal(Enumerable.Range(1, requestIds.Length).Select(v => (long)v), events.Select(e => e.Event.Version));
            Assert.All(events, e => Assert.False(e.Fingerprint.IsKnown));
        }
        var waiting = DossierState.Fold((await store.Load("LEGACY-OPEN-3", CancellationToken.None)).Select(e => e.Event));
        Assert.Equal(DossierStatus.SupplementRequested, waiting!.Status);
        var longLife = await store.Load(DossiersStoredBefore0005.LongLived, CancellationToken.None);
        Assert.Equal(72, longLife.Count);
        Assert.Equal([.. Enumerable.Range(1, 8).Select(v => LegacyDossierRecord.UnkeptRequestId(v)), "long-1-ask-4", "long-1-give-4"],
            longLife.Take(10).Select(e => e.RequestId));
        Assert.Equal("long-1-give-35", longLife[^1].RequestId);
        Assert.Equal(DossiersStoredBefore0005.Count, await LedgerRowsAtTheirDossiersVersion(database));
    }

    [Fact]
    public void The_stand_in_for_a_request_id_that_build_did_not_keep_is_one_no_client_can_send()
    {
        Assert.False(DossierCode.IsValidRequestId(LegacyDossierRecord.UnkeptRequestId(1)));
        Assert.NotEqual(LegacyDossierRecord.UnkeptRequestId(1), LegacyDossierRecord.UnkeptRequestId(2));
    }

    [Fact]
    public async Task A_state_that_cannot_be_read_stops_the_import_with_its_dossier_named_and_moves_nothing_of_its_batch()
    {
        await using var database = await MigratedBefore0005Dossiers();
        await using (var garbage = database.CreateCommand(
            $"INSERT INTO grain_state (service_id, state_name, grain_n0, grain_n1, grain_key, payload, version) VALUES ('dvcgrains', '{LegacyDossierRecord.StateName}', 0, 0, 'BROKEN-1', '\\x00ff00ff', 1)"))
        {
            await garbage.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<MigrationException>(() => LegacyDossierImport.Create(database).ImportAsync(CancellationToken.None));

        Assert.StartsWith("Dossier BROKEN-1, stored by a build before migration 0005, cannot be read", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DossiersStoredBefore0005.Count + 1, await Remaining(database));
        await using var events = database.CreateCommand("SELECT count(*) FROM dossier_event");
        Assert.Equal(0L, await events.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_code_already_in_dossier_event_stops_the_import_with_its_id_and_merges_nothing()
    {
        await using var database = await MigratedBefore0005Dossiers();
        await using (var newer = database.CreateCommand(
            "INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event, incarnation) VALUES ('LEGACY-OPEN-1', 1, 'newer-build', '\\x00', '{}', 1)"))
        {
            await newer.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<MigrationException>(() => LegacyDossierImport.Create(database).ImportAsync(CancellationToken.None));

        Assert.StartsWith("Dossier LEGACY-OPEN-1 is stored both as grain state (by a build before migration 0005) and in dossier_event; nothing of its batch was moved.",
            refused.Message, StringComparison.Ordinal);
        Assert.Equal(DossiersStoredBefore0005.Count, await Remaining(database));
        await using var events = database.CreateCommand("SELECT string_agg(request_id, ',') FROM dossier_event");
        Assert.Equal("newer-build", await events.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Dossiers_of_two_services_in_one_database_are_refused_and_none_moves()
    {
        await using var database = await MigratedBefore0005Dossiers();
        await using (var copy = database.CreateCommand(
            $"INSERT INTO grain_state SELECT 'other-service', state_name, grain_n0, grain_n1, grain_key, payload, version FROM grain_state WHERE grain_key = 'LEGACY-OPEN-1'"))
        {
            await copy.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<MigrationException>(() => LegacyDossierImport.Create(database).ImportAsync(CancellationToken.None));

        Assert.StartsWith("grain_state holds dossiers of 2 services (dvcgrains, other-service)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DossiersStoredBefore0005.Count + 1, await Remaining(database));
    }

    /// <summary>The fixture's database, then this build's migrations without the import, as a silo would meet it.</summary>
    private async Task<NpgsqlDataSource> MigratedBefore0005Dossiers()
    {
        var database = PostgresStorage.DataSource(await DossiersStoredBefore0005.CreateDatabaseAsync(postgres));
        await new Migrator(database).MigrateAsync();
        return database;
    }

    private static async Task<long> Remaining(NpgsqlDataSource database)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await LegacyDossierImport.Remaining(connection, CancellationToken.None);
    }

    private static async Task<long> LedgerRowsAtTheirDossiersVersion(NpgsqlDataSource database)
    {
        await using var count = database.CreateCommand("""
            SELECT count(*) FROM kpi_ledger l
            JOIN (SELECT dossier_id, max(version) AS version FROM dossier_event GROUP BY dossier_id) e USING (dossier_id)
            WHERE l.version = e.version
            """);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
