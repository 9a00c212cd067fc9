using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Erasure;

/// <summary>
/// The retention policy (Dvc:Retention), on either storage: a dossier closed longer ago than the period has its
/// personal data erased by the silo's loop, entered in the register as retention; one closed within the period, and an
/// open one however old, keep theirs.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PersonalDataRetentionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Mark = "Qzxwd";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dossier_closed_before_the_period_is_erased_and_one_closed_after_it_or_open_is_not(bool onPostgres)
    {
        using var pki = new TestPki();
        var database = onPostgres ? await postgres.CreateMigratedDatabaseAsync() : null;
        string[] retention = ["--Dvc:Retention:PersonalDataAfter", "365.00:00:00", "--Dvc:Retention:Interval", "00:00:00.200", "--Dvc:Retention:BatchSize", "1"];
        await using var server = RunningServer.Secure(pki, database is null ? retention : [.. retention, "--ConnectionStrings:Postgres", database]);
        await server.InitializeAsync();
        var dossiers = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("portal-desk", roles: ["dossiers.read", "dossiers.personal", "dossiers.write"])));
        var procedure = (await new Catalog.CatalogClient(TestPki.Bearer(server.Channel, pki.Token("portal-desk"))).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var longAgo = DateTimeOffset.UtcNow.AddYears(-3);
        async Task<string> File(DateTimeOffset at, bool refuse)
        {
            var id = NewDossierId();
            await dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(id, at), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online, Components = { new Component { Name = $"Tờ khai {Mark}" } },
            });
            if (refuse)
            {
                await dossiers.RefuseAsync(new ReasonRequest { Meta = Meta(id, at.AddDays(1)), Reason = $"Thiếu {Mark}" });
            }
            return id;
        }
        var (closedLongAgo, closedAnother, closedLately, openLongAgo) =
            (await File(longAgo, refuse: true), await File(longAgo.AddDays(3), refuse: true), await File(DateTimeOffset.UtcNow.AddDays(-10), refuse: true), await File(longAgo, refuse: false));

        var erased = await Eventually.Read(
            () => Task.WhenAll(new[] { closedLongAgo, closedAnother }.Select(id => dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true }).ResponseAsync)),
            read => read.All(dossier => dossier.PersonalDataErased), seconds: 60);
        var kept = await Task.WhenAll(new[] { closedLately, openLongAgo }.Select(id => dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true }).ResponseAsync));

        Assert.All(erased, dossier => Assert.DoesNotContain(Mark, dossier.ToString(), StringComparison.Ordinal));
        Assert.All(erased, dossier => Assert.Equal((2L, DossierStatus.Refused), (dossier.Version, dossier.Status)));
        Assert.All(kept, dossier => Assert.False(dossier.PersonalDataErased));
        Assert.All(kept, dossier => Assert.Contains(Mark, dossier.ToString(), StringComparison.Ordinal));
        if (database is not null)
        {
            await using var data = NpgsqlDataSource.Create(database);
            await using var command = data.CreateCommand("SELECT dossier_id, cause, reason, erased_by FROM dossier_erasure ORDER BY dossier_id");
            await using var rows = await command.ExecuteReaderAsync();
            var register = new List<string>();
            while (await rows.ReadAsync())
            {
                register.Add($"{rows.GetString(0)} {rows.GetInt16(1)} {rows.GetString(2)} {rows.GetString(3)}");
            }
            Assert.Equal(new[] { closedLongAgo, closedAnother }.Order(StringComparer.Ordinal).Select(id => $"{id} 2 retention retention"), register);
        }
    }
}
