using DvcGrains.Api.V1;
using DvcGrains.Domain.Units;
using UnitLevel = DvcGrains.Api.V1.UnitLevel;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StatusCode = Grpc.Core.StatusCode;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// 1 July 2025 on one database: dossiers filed under the 2023 hierarchy, then the server restarted on the 2025 one.
/// Phường Trúc Bạch (00004) kept its code, Phường Phúc Xá (00001) went and the operator maps it to 00004, Phường Vĩnh
/// Phúc (00006) went without a mapping; Quận Ba Đình (001), a district, went too and is mapped to 00004 (Phường Ba
/// Đình); Hà Nội (01) received one dossier at its own agencies. The operator runs <c>reform</c> with the new
/// configuration, then starts the silos on it; a silo still on the old one writes nothing once the reform is recorded.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class HierarchyReformTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset BeforeTheReform = new(2025, 6, 20, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly string[] Units2023 = ["00004", "00001", "00006", "001", "01"];

    [Fact]
    public async Task Dossiers_of_units_the_new_hierarchy_no_longer_has_stay_readable_and_counted_mapped_or_outside()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var dossiers = Units2023.ToDictionary(unit => unit, unit => unit.Length == 5 ? new[] { NewDossierId(), NewDossierId() } : [NewDossierId()]);
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var before = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2023"))
        {
            foreach (var (unit, ids) in dossiers)
            {
                foreach (var id in ids)
                {
                    await before.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, BeforeTheReform), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.InPerson });
                }
            }
            var hanoi = await Eventually.Read(() => Year(before, "01"), k => k.Counters.Received == 8);
            var baDinh = await Year(before, "001");
            var units2023 = DataFiles.LoadUnits(new DvcOptions { Hierarchy = "2023" });
            var exact = await Verifiers.Of(database, units2023).Verify(before.Kpis, Server.Kpis.KpiVerifier.DefaultSettle);

            Assert.Equal([(UnitLevel.Province, 1L), (UnitLevel.District, 1L), (UnitLevel.Commune, 6L)], ByLevel(hanoi));
            Assert.Equal([(UnitLevel.District, 1L), (UnitLevel.Commune, 6L)], ByLevel(baDinh));
            Assert.Equal("verify-kpis: 8 dossiers, 6 units checked, all counters and summaries exact", exact.Summary);
        }
        var mappingFile = Path.Combine(Path.GetTempPath(), $"dvc-mapping-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(mappingFile, "old_code,new_code\n00001,00004\n001,00004\n");
        try
        {
            var reformed = new StringWriter();
            Assert.Equal(ReformCommand.Placed, await ReformCommand.RunAsync(
                ["--ConnectionStrings:Postgres", connectionString, "--Dvc:Hierarchy", "2025", "--Dvc:UnitMappingFile", mappingFile], reformed, TextWriter.Null));
            Assert.EndsWith("reform: 8 dossiers read, 7 placed again; every dossier is placed by hierarchy 2025 with mapping " + mappingFile +
                $" ({DossierWriters.Abbreviated(DataFiles.LoadKpiUnits(new DvcOptions { Hierarchy = "2025", UnitMappingFile = mappingFile }).PlacementFingerprint)}).\n",
                reformed.ToString(), StringComparison.Ordinal);
            await using var after = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2025", "--Dvc:UnitMappingFile", mappingFile);
            var finished = await after.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(dossiers["00001"][0], BeforeTheReform.AddHours(1)) });
            await after.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(dossiers["00001"][0], BeforeTheReform.AddHours(2)), ResultCode = "KQ" });
            var unmapped = await after.Dossiers.GetAsync(new GetDossierRequest { DossierId = dossiers["00006"][1] });
            // Lists place each dossier as its counters do: under the successor, or outside the hierarchy.
            var listedUnderSuccessor = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "00004" });
            var listedOutside = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = AdministrativeUnit.OutsideCode });
            var listedInProvince = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01" });

            var nation = await Eventually.Read(() => Year(after, "VN"), k => k.Counters.Received == 8 && k.Counters.Finished == 1);
            var successor = await Year(after, "00004");
            var outside = await Year(after, AdministrativeUnit.OutsideCode);
            var province = await Year(after, "01");
            var units2025 = DataFiles.LoadUnits(new DvcOptions { Hierarchy = "2025" });
            using var mapping = new StreamReader(mappingFile);
            var verification = await Verifiers.Of(database, units2025, UnitMapping.Load(mapping, units2025)).Verify(after.Kpis, Server.Kpis.KpiVerifier.DefaultSettle);

            Assert.Equal((2L, DossierStatus.Processing), (finished.Dossier.Version, finished.Dossier.Status));
            Assert.Equal(("00006", DossierStatus.Received), (unmapped.UnitCode, unmapped.Status));
            Assert.Equal((5L, 1L), (successor.Counters.Received, successor.Counters.Finished));
            Assert.Equal((6L, 1L), (province.Counters.Received, province.Counters.Finished));
            Assert.Equal((2L, 0L, AdministrativeUnit.NationCode), (outside.Counters.Received, outside.Counters.Finished, outside.Unit.ParentCode));
            Assert.Equal(8L, nation.Counters.Received);
            // A mapped dossier counts at its successor's level, the district's too; those outside the hierarchy at none.
            Assert.Equal([(UnitLevel.Commune, 5L)], ByLevel(successor));
            Assert.Equal([(UnitLevel.Province, 1L), (UnitLevel.Commune, 5L)], ByLevel(province));
            Assert.Equal([(UnitLevel.Unspecified, 2L)], ByLevel(outside));
            Assert.Equal([(UnitLevel.Province, 1L), (UnitLevel.Commune, 5L), (UnitLevel.Unspecified, 2L)], ByLevel(nation));
            Assert.Equal(dossiers["00004"].Concat(dossiers["00001"]).Concat(dossiers["001"]).Order(StringComparer.Ordinal), listedUnderSuccessor.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(dossiers["00006"].Order(StringComparer.Ordinal), listedOutside.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(6, listedInProvince.Dossiers.Count);
            Assert.Equal("verify-kpis: 8 dossiers, 4 units checked, all counters and summaries exact", verification.Summary);
        }
        finally
        {
            File.Delete(mappingFile);
        }
    }

    [Fact]
    public async Task A_2023_silo_and_a_2025_silo_side_by_side_only_the_one_of_the_recorded_hierarchy_writes()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var old = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2023");
        string[] baDinh = [NewDossierId(), NewDossierId()];
        foreach (var id in baDinh)
        {
            await old.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, BeforeTheReform), UnitCode = "001", ProcedureCode = "1.001193", Channel = Channel.InPerson });
        }
        await old.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(baDinh[0], BeforeTheReform.AddHours(1)) });
        await old.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(baDinh[0], BeforeTheReform.AddHours(2)), ResultCode = "KQ" });
        await using var reformed = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2025");
        var beforeTheReform = await Portal.Fails(() => reformed.Dossiers.SubmitAsync(
            new SubmitRequest { Meta = Meta(NewDossierId(), BeforeTheReform), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.InPerson }).ResponseAsync);
        var waiting = await Eventually.Read(() => Readiness(reformed), report => report.Entries["serving"].Description?.Contains("places dossiers", StringComparison.Ordinal) == true);
        var refusedBeforeTheReform = await WritesRefused(reformed);
        var oldBeforeTheReform = await WritesRefused(old);

        var reform = await ReformCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString, "--Dvc:Hierarchy", "2025"], TextWriter.Null, TextWriter.Null);
        var refusedToOld = await Portal.Fails(() => old.Dossiers.SubmitAsync(
            new SubmitRequest { Meta = Meta(NewDossierId(), BeforeTheReform), UnitCode = "001", ProcedureCode = "1.001193", Channel = Channel.InPerson }).ResponseAsync);
        var oldReadiness = await Eventually.Read(() => Readiness(old), report => report.Entries["serving"].Description?.Contains("places dossiers", StringComparison.Ordinal) == true);
        await Eventually.Read(() => Readiness(reformed), report => report.Status == HealthStatus.Healthy);
        var refusedAfterTheReform = await WritesRefused(reformed);
        var oldAfterTheReform = await WritesRefused(old);
        var afterTheReform = NewDossierId();
        await reformed.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(afterTheReform, BeforeTheReform), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.InPerson });
        var outside = await reformed.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = AdministrativeUnit.OutsideCode });
        var underBaDinhWard = await reformed.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "00004" });

        Assert.Equal(StatusCode.Unavailable, beforeTheReform.StatusCode);
        Assert.Contains("This server may not write dossiers", beforeTheReform.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("The database places dossiers by hierarchy 2023:", waiting.Entries["serving"].Description, StringComparison.Ordinal);
        Assert.Equal(ReformCommand.Placed, reform);
        Assert.Equal(StatusCode.Unavailable, refusedToOld.StatusCode);
        Assert.Contains("and this server by 2023:", oldReadiness.Entries["serving"].Description, StringComparison.Ordinal);
        Assert.Equal([1.0, 0.0, 0.0, 1.0], [refusedBeforeTheReform, oldBeforeTheReform, refusedAfterTheReform, oldAfterTheReform]);
        // Without a mapping the district's dossiers, the ended one too, are listed outside the hierarchy, where they count.
        Assert.Equal(baDinh.Order(StringComparer.Ordinal), outside.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
        Assert.Equal([afterTheReform], underBaDinhWard.Dossiers.Select(d => d.DossierId));
    }

    /// <summary>The silo's <c>dvc_storage_writes_refused</c>; a missing series fails rather than reading as 0.</summary>
    private static async Task<double> WritesRefused(RunningServer server) =>
        PromQl.Value(await RefusalSeries.Scrape(server.MetricsPort), "dvc_storage_writes_refused") ?? throw new Xunit.Sdk.XunitException("no dvc_storage_writes_refused on the page");

    private static async Task<HealthReport> Readiness(RunningServer server) =>
        await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready));

    private static IEnumerable<(UnitLevel, long)> ByLevel(UnitKpis kpis) => kpis.ByLevel.Select(level => (level.Level, level.Counters.Received));

    private static async Task<UnitKpis> Year(RunningServer server, string unit) =>
        await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit, Period = new Period { Kind = PeriodKind.Year, Date = "2025-06-20" } });
}
