using DvcGrains.Domain.Calendar;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>What campaign-replay replays: <paramref name="BusinessDays"/> working days of <paramref name="Calendar"/> from <paramref name="From"/>.</summary>
public sealed record ReplayPlan(WorkingCalendar Calendar, DateOnly From, int BusinessDays, ReplayMix Mix)
{
    /// <summary>The working calendar the product ships (the server's Data/calendar, copied beside the generator).</summary>
    public static WorkingCalendar ProductCalendar() => Server.Hosting.DataFiles.LoadCalendar(new Server.Hosting.DvcOptions());
}
