using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>KPI counters on PostgreSQL: each dossier's facts are in the ledger, and a restarted server counts them again, level by level.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DurableKpiTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static GetUnitKpisRequest Year(string unit) => new() { UnitCode = unit, Period = new Period { Kind = PeriodKind.Year } };

    [Fact]
    public async Task The_ledger_holds_every_dossier_at_its_version_and_a_restarted_server_counts_the_same()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var dossiers = Enumerable.Range(0, 6).Select(_ => NewDossierId()).ToList();
        UnitKpis before;
        await using (var first = await RunningServer.StartOn(connectionString))
        {
            var commune = (await first.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units[0].Code;
            var procedure = (await first.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            foreach (var (id, i) in dossiers.Select((id, i) => (id, i)))
            {
                await first.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, at), UnitCode = i < 4 ? commune : "96", ProcedureCode = procedure, Channel = Channel.InPerson });
                if (i % 2 == 0)
                {
                    await first.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, at.AddMinutes(1)) });
                    await first.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, at.AddMinutes(2)), ResultCode = "KQ" });
                }
            }
            before = await Eventually.Read(() => first.Kpis.GetUnitKpisAsync(Year("VN")).ResponseAsync, k => k.Counters.Received == 6);
        }

        await using var ledger = NpgsqlDataSource.Create(connectionString);
        var rows = new Dictionary<string, long>();
        await using (var reader = await ledger.CreateCommand("SELECT dossier_id, version FROM kpi_ledger").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        Assert.Equal(dossiers.Select((id, i) => (id, i % 2 == 0 ? 3L : 1L)).OrderBy(r => r.id), rows.Select(r => (r.Key, r.Value)).OrderBy(r => r.Key));

        await using var second = await RunningServer.StartOn(connectionString);
        var after = await Eventually.Read(() => second.Kpis.GetUnitKpisAsync(Year("VN")).ResponseAsync, k => k.Counters.Received == 6);
        var province = await second.Kpis.GetUnitKpisAsync(Year("96"));

        Assert.Equal((6L, 3L, 3L), (before.Counters.Received, before.Counters.Finished, before.Counters.InProgressWithinDeadline));
        Assert.Equal(before.Counters, after.Counters);
        Assert.Equal(before.Counters, province.Counters);
        // Two dossiers of the province's own agencies (one finished), four of its commune's (two finished), recounted alike.
        Assert.Equal([(UnitLevel.Province, 2L, 1L), (UnitLevel.Commune, 4L, 2L)], after.ByLevel.Select(l => (l.Level, l.Counters.Received, l.Counters.Finished)));
        Assert.Equal(before.ByLevel, after.ByLevel);
        Assert.Equal(after.ByLevel, province.ByLevel);
    }
}
