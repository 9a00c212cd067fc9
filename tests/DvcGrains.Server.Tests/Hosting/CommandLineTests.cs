using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Hosting;

/// <summary>The server's command line: --help answers without starting anything, and a mistyped command is refused.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Answers = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_prints_the_commands_the_main_options_and_where_every_key_is_described_and_starts_nothing()
    {
        await using var help = await ServerProcess.RunAlone(Answers, "--help");

        Assert.True(help.ExitCode == Usage.Shown, help.Output);
        Assert.All(["migrate", "verify-kpis", "explain-lists", "--urls", "--Dvc:Web:Urls", "--Dvc:MetricsPort", "--ConnectionStrings:Postgres", "README.md, section Configuration"],
            expected => Assert.Contains(expected, help.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("AUTHENTICATION IS OFF", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_with_the_usage_and_starts_nothing()
    {
        await using var mistyped = await ServerProcess.RunAlone(Answers, "migrat", "--ConnectionStrings:Postgres", "Host=127.0.0.1");

        Assert.True(mistyped.ExitCode == Usage.UnknownCommand, mistyped.Output);
        Assert.Contains("'migrat' is no command of the server", mistyped.Output, StringComparison.Ordinal);
        Assert.Contains("Commands:", mistyped.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTHENTICATION IS OFF", mistyped.Output, StringComparison.Ordinal);
    }
}
