using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Commands;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>The <c>migrate</c> command: what it says it applied, and why it failed (the migrator itself: Persistence.Tests).</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class MigrateCommandTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_migrate_command_says_what_it_applied_and_on_a_rerun_that_the_database_is_up_to_date()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var shipped = MigrationScripts.Embedded;

        var (firstCode, firstOutput, _) = await Migrate("--ConnectionStrings:Postgres", connectionString);
        var (secondCode, secondOutput, _) = await Migrate("--ConnectionStrings:Postgres", connectionString);

        Assert.Equal((MigrateCommand.Succeeded, MigrateCommand.Succeeded), (firstCode, secondCode));
        Assert.Contains($"applied {string.Join(", ", shipped.Select(s => s.FileName))} to database", firstOutput, StringComparison.Ordinal);
        Assert.Contains($"now at migration {shipped[^1].Version}.", firstOutput, StringComparison.Ordinal);
        Assert.Contains($"is up to date (migration {shipped[^1].Version})", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrate_command_fails_with_a_reason_without_a_database_or_when_it_is_unreachable()
    {
        var closedPort = FreePorts.Take(1)[0];

        var (unconfigured, _, unconfiguredError) = await Migrate();
        var (unreachable, _, unreachableError) = await Migrate(
            "--ConnectionStrings:Postgres", $"Host=127.0.0.1;Port={closedPort};Database=dvc;Username=dvc;Password=s3cret;Timeout=2");

        Assert.Equal(MigrateCommand.NotConfigured, unconfigured);
        Assert.Contains("Set ConnectionStrings:Postgres", unconfiguredError, StringComparison.Ordinal);
        Assert.Equal(MigrateCommand.Failed, unreachable);
        Assert.Contains($"database \"dvc\" on 127.0.0.1:{closedPort} as dvc failed", unreachableError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", unreachableError, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Migrate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MigrateCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
