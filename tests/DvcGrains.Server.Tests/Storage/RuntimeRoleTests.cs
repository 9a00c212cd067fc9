using DvcGrains.Api.V1;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// The schema's owner migrates, the silos run as a role that reads and writes rows and nothing else, each with its
/// password in a file, on a PostgreSQL that asks for passwords as a production one does.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class RuntimeRoleTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _secrets = Directory.CreateTempSubdirectory("dvc-secrets-").FullName;

    public void Dispose() => Directory.Delete(_secrets, recursive: true);

    [Fact]
    public async Task Migrate_runs_as_the_owner_and_grants_the_runtime_role_rows_only_with_which_a_silo_serves_and_cannot_change_the_schema()
    {
        var (owner, runtime) = await Roles();
        string[] asOwner = ["--ConnectionStrings:Postgres", owner.Without, "--Dvc:Postgres:PasswordFile", owner.File, "--Dvc:Postgres:RuntimeRole", runtime.Name];

        var (migrated, output, error) = await Migrate(asOwner);
        var (again, _, againError) = await Migrate(asOwner);

        Assert.True(migrated == MigrateCommand.Succeeded, error);
        Assert.True(again == MigrateCommand.Succeeded, againError);
        Assert.Contains($"role {runtime.Name} may read and write the rows of every table", output, StringComparison.Ordinal);
        await using (var silo = await RunningServer.StartOn(runtime.Without, "--Dvc:Postgres:PasswordFile", runtime.File))
        {
            var code = (await silo.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
            var procedure = (await silo.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            await silo.Dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(code), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson, ApplicantType = ApplicantType.Citizen,
            });
            await silo.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(code, expectedVersion: 1), Department = "Phòng Tư pháp" });
            var listed = await silo.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01" });
            var read = await silo.Dossiers.GetAsync(new GetDossierRequest { DossierId = code });

            Assert.Equal([code], listed.Dossiers.Select(d => d.DossierId));
            Assert.Equal((2L, DossierStatus.Processing), (read.Version, read.Status));
        }
        await using var connection = new NpgsqlConnection(runtime.With);
        await connection.OpenAsync();
        foreach (var ddl in (string[])["CREATE TABLE intruder (x int)", "DROP TABLE dossier_event", "ALTER TABLE dossier ADD COLUMN x int",
                     "TRUNCATE kpi_ledger", "CREATE INDEX ix_intruder ON dossier (status)", $"ALTER TABLE schema_migrations OWNER TO {runtime.Name}"])
        {
            await using var command = new NpgsqlCommand(ddl, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{ddl}: {refused.SqlState} {refused.MessageText}");
        }
    }

    [Fact]
    public async Task Migrate_refuses_a_runtime_role_that_could_change_the_schema_and_names_it()
    {
        var (owner, _) = await Roles();
        string[] asOwner = ["--ConnectionStrings:Postgres", owner.Without, "--Dvc:Postgres:PasswordFile", owner.File];

        var (superuser, _, superuserError) = await Migrate([.. asOwner, "--Dvc:Postgres:RuntimeRole", "postgres"]);
        var (itself, _, itselfError) = await Migrate([.. asOwner, "--Dvc:Postgres:RuntimeRole", owner.Name]);
        var (malformed, _, malformedError) = await Migrate([.. asOwner, "--Dvc:Postgres:RuntimeRole", "dvc\"; DROP TABLE dossier; --"]);

        // Each refusal whole on failure: Assert.Contains cuts a long message short, before the part that says why.
        Assert.Equal(MigrateCommand.Failed, superuser);
        Assert.True(superuserError.Contains("Dvc:Postgres:RuntimeRole postgres", StringComparison.Ordinal), superuserError);
        Assert.True(superuserError.Contains("is a superuser", StringComparison.Ordinal), superuserError);
        Assert.Equal(MigrateCommand.Failed, itself);
        Assert.True(itselfError.Contains("the schema's owner", StringComparison.Ordinal), itselfError);
        Assert.Equal(MigrateCommand.NotConfigured, malformed);
        Assert.True(malformedError.Contains("Dvc:Postgres:RuntimeRole must be a role name", StringComparison.Ordinal), malformedError);
    }

    [Fact]
    public async Task A_silo_without_its_password_file_is_refused_by_the_database_and_one_with_a_password_in_both_places_does_not_start()
    {
        var (owner, runtime) = await Roles();
        var (migrated, _, error) = await Migrate(["--ConnectionStrings:Postgres", owner.Without, "--Dvc:Postgres:PasswordFile", owner.File, "--Dvc:Postgres:RuntimeRole", runtime.Name]);
        Assert.True(migrated == MigrateCommand.Succeeded, error);

        await using var withoutFile = RunningServer.WithArguments("--ConnectionStrings:Postgres", runtime.Without);
        var refused = await Assert.ThrowsAnyAsync<Exception>(withoutFile.InitializeAsync);
        var twice = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            RunningServer.WithArguments("--ConnectionStrings:Postgres", runtime.With, "--Dvc:Postgres:PasswordFile", runtime.File));

        Assert.Contains("password", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("give the password one way", twice.Message, StringComparison.Ordinal);
    }

    /// <summary>A fresh database owned by a new owner role, and a new runtime role; each password in a file of its own.</summary>
    private async Task<(Role Owner, Role Runtime)> Roles()
    {
        await postgres.RequirePasswordsAsync();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var owner = await NewRole($"dvc_owner_{suffix}");
        var runtime = await NewRole($"dvc_runtime_{suffix}");
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()).Database!;
        await Execute(postgres.ConnectionString("postgres"), $"ALTER DATABASE {database} OWNER TO {owner.Name}");
        // PostgreSQL 15 and later: the public schema belongs to the database's owner, and no one else may create in it.
        await Execute(postgres.ConnectionString(database), $"ALTER SCHEMA public OWNER TO {owner.Name}");
        return (owner with { Database = database }, runtime with { Database = database });
    }

    private async Task<Role> NewRole(string name)
    {
        var password = Guid.NewGuid().ToString("N");
        await Execute(postgres.ConnectionString("postgres"), $"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        var file = Path.Combine(_secrets, name);
        await File.WriteAllTextAsync(file, password + "\n");
        return new Role(name, password, file, postgres.Port, "");
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int Code, string Output, string Error)> Migrate(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MigrateCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private sealed record Role(string Name, string Password, string File, int Port, string Database)
    {
        // Patient, as fault tests' silos are: at load 43, 3 s was not enough to connect.
        public string Without => $"Host=127.0.0.1;Port={Port};Database={Database};Username={Name};Timeout={PostgresServer.PatientTimeout}";

        public string With => $"{Without};Password={Password}";
    }
}
