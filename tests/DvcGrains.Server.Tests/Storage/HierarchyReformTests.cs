using DvcGrains.Api.V1;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// 1 July 2025 on one database: dossiers filed under the 2023 hierarchy, then the server restarted on the 2025 one.
/// Phường Trúc Bạch (00004) kept its code, Phường Phúc Xá (00001) went and the operator maps it to 00004, Phường Vĩnh
/// Phúc (00006) went without a mapping.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class HierarchyReformTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset BeforeTheReform = new(2025, 6, 20, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly string[] Communes2023 = ["00004", "00001", "00006"];

    [Fact]
    public async Task Dossiers_of_units_the_new_hierarchy_no_longer_has_stay_readable_and_counted_mapped_or_outside()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var dossiers = Communes2023.ToDictionary(commune => commune, _ => new[] { NewDossierId(), NewDossierId() });
        await using (var before = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2023"))
        {
            foreach (var (commune, ids) in dossiers)
            {
                foreach (var id in ids)
                {
                    await before.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, BeforeTheReform), UnitCode = commune, ProcedureCode = "1.001193", Channel = Channel.InPerson });
                }
            }
        }
        var mappingFile = Path.Combine(Path.GetTempPath(), $"dvc-mapping-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(mappingFile, "old_code,new_code\n00001,00004\n");
        try
        {
            await using var after = await RunningServer.StartOn(connectionString, "--Dvc:Hierarchy", "2025", "--Dvc:UnitMappingFile", mappingFile);
            var finished = await after.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(dossiers["00001"][0], BeforeTheReform.AddHours(1)) });
            await after.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(dossiers["00001"][0], BeforeTheReform.AddHours(2)), ResultCode = "KQ" });
            var unmapped = await after.Dossiers.GetAsync(new GetDossierRequest { DossierId = dossiers["00006"][1] });
            // Lists place each dossier as its counters do: under the successor, or outside the hierarchy.
            var listedUnderSuccessor = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "00004" });
            var listedOutside = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = AdministrativeUnit.OutsideCode });
            var listedInProvince = await after.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01" });

            var nation = await Eventually.Read(() => Year(after, "VN"), k => k.Counters.Received == 6 && k.Counters.Finished == 1);
            var successor = await Year(after, "00004");
            var outside = await Year(after, AdministrativeUnit.OutsideCode);
            var province = await Year(after, "01");
            await using var database = NpgsqlDataSource.Create(connectionString);
            var units2025 = DataFiles.LoadUnits(new DvcOptions { Hierarchy = "2025" });
            using var mapping = new StreamReader(mappingFile);
            var verification = await Verifiers.Of(database, units2025, UnitMapping.Load(mapping, units2025)).Verify(after.Kpis, Server.Kpis.KpiVerifier.DefaultSettle);

            Assert.Equal((2L, DossierStatus.Processing), (finished.Dossier.Version, finished.Dossier.Status));
            Assert.Equal(("00006", DossierStatus.Received), (unmapped.UnitCode, unmapped.Status));
            Assert.Equal((4L, 1L), (successor.Counters.Received, successor.Counters.Finished));
            Assert.Equal((4L, 1L), (province.Counters.Received, province.Counters.Finished));
            Assert.Equal((2L, 0L, AdministrativeUnit.NationCode), (outside.Counters.Received, outside.Counters.Finished, outside.Unit.ParentCode));
            Assert.Equal(6L, nation.Counters.Received);
            Assert.Equal(dossiers["00004"].Concat(dossiers["00001"]).Order(StringComparer.Ordinal), listedUnderSuccessor.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(dossiers["00006"].Order(StringComparer.Ordinal), listedOutside.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(4, listedInProvince.Dossiers.Count);
            Assert.Equal("verify-kpis: 6 dossiers, 4 units checked, all counters and summaries exact", verification.Summary);
        }
        finally
        {
            File.Delete(mappingFile);
        }
    }

    private static async Task<UnitKpis> Year(RunningServer server, string unit) =>
        await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit, Period = new Period { Kind = PeriodKind.Year, Date = "2025-06-20" } });
}
