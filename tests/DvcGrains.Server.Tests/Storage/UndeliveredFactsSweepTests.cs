using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

public sealed class UndeliveredFactsSweepTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_dossier_whose_facts_never_reached_the_ledger_is_found_and_counted_without_being_called()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var id = NewDossierId();
        string commune;
        await using (var first = await Start(connectionString))
        {
            commune = (await first.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "66" })).Units[0].Code;
            var procedure = (await first.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            await first.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = commune, ProcedureCode = procedure, Channel = Channel.Online });
        }
        // As if the process had died between writing the dossier and delivering its facts.
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var delete = database.CreateCommand("DELETE FROM kpi_ledger WHERE dossier_id = $1"))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = id });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await using var second = await Start(connectionString);
        var kpis = await Eventually.Read(
            () => second.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = commune, Period = new Period { Kind = PeriodKind.Year } }).ResponseAsync,
            k => k.Counters.Received == 1);
        await using var read = database.CreateCommand("SELECT version FROM kpi_ledger WHERE dossier_id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = id });

        Assert.Equal((1L, 1L), (kpis.Counters.Received, kpis.Counters.ReceivedOnline));
        Assert.Equal(1L, await read.ExecuteScalarAsync());
    }

    private static Task<RunningServer> Start(string connectionString) =>
        RunningServer.StartOn(connectionString, "--Dvc:Kpis:SweepInterval", "00:00:00.500", "--Dvc:Kpis:SweepMinimumAge", "00:00:00");
}
