using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The national portal's synchronisation agent: Dossiers.WatchChanges of the whole nation from now, for the whole run.
/// Step ChangeLag is each change's lag from the acknowledgement of its command to its arrival here; an acknowledged
/// command whose change never came counts there as failed.
/// </summary>
public sealed class ChangeFeedScenario(TimeSpan hold) : IScenario
{
    public string Name => "change-feed";
    public IReadOnlyList<string> Steps { get; } = ["WatchChanges", "ChangeLag"];
    public IReadOnlyCollection<string> UnitsWritten => [];

    public Iteration NextIteration(Random random, double progress) =>
        new("WatchChanges", c => c.FollowChanges(
            "WatchChanges", "ChangeLag", o => c.Target.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, o), hold));
}
