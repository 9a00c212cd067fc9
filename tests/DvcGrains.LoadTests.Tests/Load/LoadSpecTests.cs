using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Tests.Load;

public sealed class LoadSpecTests
{
    [Fact]
    public void Phases_read_in_order()
    {
        var phases = LoadSpec.ParseAll("inject 200/s 30s; ramping-inject 50:400/s 1m; pause 5s; keep-constant 64 2m");

        Assert.Equal(
        [
            new InjectPhase(200, TimeSpan.FromSeconds(30)),
            new RampingInjectPhase(50, 400, TimeSpan.FromMinutes(1)),
            new PausePhase(TimeSpan.FromSeconds(5)),
            new KeepConstantPhase(64, TimeSpan.FromMinutes(2)),
        ], phases);
        Assert.Equal("inject 200/s 30s; ramping-inject 50:400/s 1m; pause 5s; keep-constant 64 2m", string.Join("; ", phases));
    }

    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2", 2_000)]
    [InlineData("1h", 3_600_000)]
    public void Durations_read_as_people_write_them(string text, double milliseconds) =>
        Assert.Equal(milliseconds, DurationText.Parse(text, "--duration").TotalMilliseconds);

    [Theory]
    [InlineData("inject fast 30s")]
    [InlineData("keep-constant 0 1m")]
    [InlineData("burst 100 10s")]
    [InlineData("pause soon")]
    public void A_bad_phase_is_a_usage_error_naming_it(string phase)
    {
        var error = Assert.Throws<UsageException>(() => LoadSpec.Parse(phase));

        Assert.Contains(phase, error.Message, StringComparison.Ordinal);
    }
}
