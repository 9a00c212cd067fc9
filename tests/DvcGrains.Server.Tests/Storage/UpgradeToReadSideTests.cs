using DvcGrains.Api.V1;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Procedures;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Npgsql;
using Channel = DvcGrains.Domain.Dossiers.Channel;
using DossierEvent = DvcGrains.Domain.Dossiers.DossierEvent;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// An upgrade from a build at migration 0005, whose dossiers have events and ledger rows but no summaries: a silo
/// refuses to start until <c>migrate</c> has written them, and then lists and follows those dossiers as any other.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class UpgradeToReadSideTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Migrate_writes_the_summaries_and_the_server_then_lists_and_follows_the_dossiers_stored_before()
    {
        var connectionString = await DatabaseAt0005WithDossiers();

        var notMigrated = await Assert.ThrowsAsync<MigrationException>(() => RunningServer.StartOn(connectionString));
        var output = new StringWriter();
        var exitCode = await MigrateCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString], output, TextWriter.Null);
        await using var server = await RunningServer.StartOn(connectionString);
        var listed = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "VN", Order = DossierOrder.MostUrgentFirst });
        var haNoi = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01" });
        var changes = await FeedReader.ReadUntil(server.Dossiers, new WatchChangesRequest { UnitCode = "VN" }, received => received.Count == 6);

        Assert.Contains("run `dotnet run --project src/DvcGrains.Server -- migrate`", notMigrated.Message, StringComparison.Ordinal);
        Assert.Equal(MigrateCommand.Succeeded, exitCode);
        Assert.Contains("migrate: wrote the summaries of 3 dossiers stored before migration 0006", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([("OLD-C", Api.V1.DossierStatus.Finished), ("OLD-A", Api.V1.DossierStatus.Processing), ("OLD-B", Api.V1.DossierStatus.Submitted)],
            listed.Dossiers.Select(d => (d.DossierId, d.Status)));
        Assert.Equal(["OLD-A"], haNoi.Dossiers.Select(d => d.DossierId));
        Assert.Equal([("OLD-A", 1L), ("OLD-A", 2L), ("OLD-B", 1L), ("OLD-C", 1L), ("OLD-C", 2L), ("OLD-C", 3L)],
            changes.Select(c => (c.Dossier.DossierId, c.Dossier.Version)));
    }

    [Fact]
    public async Task A_server_refuses_to_start_on_migration_0006_until_the_summaries_are_written()
    {
        var connectionString = await DatabaseAt0005WithDossiers();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new Migrator(database).MigrateAsync();

        var refused = await Assert.ThrowsAsync<MigrationException>(() => RunningServer.StartOn(connectionString));

        Assert.Contains("summaries lists and the change feed read are not written yet", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Three dossiers as a build at migration 0005 stored them: their events and ledger rows.</summary>
    private async Task<string> DatabaseAt0005WithDossiers()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new Migrator(database, [.. MigrationScripts.Embedded.Where(script => script.Version <= 5)]).MigrateAsync();
        var deadline = At.AddDays(7);
        await Store(database, Submitted("OLD-A", "00004", Channel.InPerson, deadline), new ProcessingStarted(2, At.AddHours(1), "officer", "Tư pháp"));
        await Store(database, Submitted("OLD-B", "31825", Channel.Online, null));
        await Store(database, Submitted("OLD-C", "25747", Channel.InPerson, deadline.AddDays(-1)),
            new ProcessingStarted(2, At.AddHours(1), "officer", "Tư pháp"), new ProcessingFinished(3, At.AddHours(2), "officer", "KQ-1", false));
        return connectionString;
    }

    private static DossierSubmitted Submitted(string id, string unit, Channel channel, DateTimeOffset? deadline) =>
        new(1, At, "officer", id, unit, "1.001193", channel, Domain.Dossiers.ApplicantType.Citizen, VneidAuthenticated: false, [],
            SyncedToNationalPortal: false, deadline is null ? null : new ProcessingTime(5, 0), deadline);

    private static async Task Store(NpgsqlDataSource database, params DossierEvent[] events)
    {
        var state = DossierState.Fold(events)!;
        foreach (var dossierEvent in events)
        {
            await using var insert = database.CreateCommand(
                "INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event) VALUES ($1, $2, $3, $4, $5::jsonb)");
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.DossierId });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)dossierEvent.Version });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{state.DossierId}-{dossierEvent.Version}" });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = new byte[16] });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DossierRows.EventJson(dossierEvent) });
            await insert.ExecuteNonQueryAsync();
        }
        await using var ledger = database.CreateCommand("INSERT INTO kpi_ledger (dossier_id, unit_code, version, facts) VALUES ($1, $2, $3, $4::jsonb)");
        ledger.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.DossierId });
        ledger.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.UnitCode });
        ledger.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.Version });
        ledger.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DossierRows.FactsJson(DossierKpiFacts.From(state)) });
        await ledger.ExecuteNonQueryAsync();
    }
}
