using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>campaign-replay's options: Cà Mau's campaign by default, and every replayed day in the past and in the calendar's years.</summary>
public sealed class ReplayOptionsTests
{
    [Fact]
    public void By_default_the_replay_is_Ca_Maus_69_days_from_the_first_of_March_2023()
    {
        var plan = Plan("--seed", "5");

        Assert.Equal(new DateOnly(2023, 3, 1), plan.Replay.From);
        Assert.Equal(69, plan.Replay.BusinessDays);
        Assert.Equal(30, plan.Replay.Mix.LeadInDays);
        Assert.Equal(5, plan.Generator.Seed);
        Assert.Equal("5", plan.Options.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("--from", "01/03/2023", "yyyy-MM-dd")]
    [InlineData("--business-days", "0", "from 1 to 2000")]
    [InlineData("--from", "2099-01-01", "not in the past")]
    [InlineData("--from", "2019-06-03", "needs its holidays")]
    public void Days_the_replay_cannot_stamp_are_usage_errors_that_say_what_to_write(string option, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => Plan(option, value));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_of_the_replay_mix_outside_zero_and_one_is_named()
    {
        var config = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "replay_mix": { "communes_to": { "online": 1.2, "paid_online": 0.8, "digitized": 0.9, "on_time": 0.98 } } }""");
        try
        {
            var error = Assert.Throws<UsageException>(() => Plan("--config", config));

            Assert.Contains("CommunesTo.Online must be a share between 0 and 1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static RunPlan Plan(params string[] args) =>
        RunPlanner.Plan(OptionSources.Read(["--target", "http://127.0.0.1:5080", "--scenario", "campaign-replay", .. args]));
}
