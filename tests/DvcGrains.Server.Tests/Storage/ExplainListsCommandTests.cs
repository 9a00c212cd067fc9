using DvcGrains.Api.V1;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>explain-lists prints the plan of every list shape a server runs, as Markdown, and refuses what it cannot explain.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ExplainListsCommandTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Every_list_shape_is_explained_with_its_plan_as_the_server_runs_it()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using (var server = await RunningServer.StartOn(connectionString))
        {
            foreach (var unit in new[] { "00004", "00004", "25747" })
            {
                await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.InPerson });
            }
        }
        var output = new StringWriter();

        var exitCode = await ExplainListsCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString, "--unit", "01"], output, TextWriter.Null);

        var text = output.ToString();
        Assert.Equal(ExplainListsCommand.Explained, exitCode);
        string[] shapes =
        [
            "The work queue: open dossiers", "The overdue list", "Due in the next three days", "Every dossier, newest first",
            "Not yet synchronised", "Finished late", "One procedure (1.001193) submitted this month",
        ];
        Assert.All(shapes, shape => Assert.Contains($"#### {shape}", text, StringComparison.Ordinal));
        Assert.Equal(shapes.Length, text.Split("Execution Time:").Length - 1);
        Assert.Contains("actual time=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_unit_or_no_database_is_a_usage_error()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var error = new StringWriter();

        var unknown = await ExplainListsCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString, "--unit", "NOWHERE"], TextWriter.Null, error);
        var unconfigured = await ExplainListsCommand.RunAsync([], TextWriter.Null, error);

        Assert.Equal((ExplainListsCommand.Error, ExplainListsCommand.Error), (unknown, unconfigured));
        Assert.Contains("--unit NOWHERE is not a unit", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Set ConnectionStrings:Postgres", error.ToString(), StringComparison.Ordinal);
    }
}
