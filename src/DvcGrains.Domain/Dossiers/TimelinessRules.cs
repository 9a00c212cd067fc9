using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// On-time judgement (đúng hạn / trước hạn / trễ hạn) against the statutory deadline, by its day in Vietnam: processing
/// that ends before the appointment's day is early, on that day on time, after it late; the appointment itself keeps
/// its time of day. More than one supplement request makes a dossier late. Apology slips move the appointment shown to
/// the applicant, never the deadline: a late dossier stays late.
/// </summary>
public static class TimelinessRules
{
    /// <summary>The "supplement once" rule: a second supplement request makes the dossier late.</summary>
    public const int SupplementRequestsAllowed = 1;

    public static bool BreaksSupplementOnceRule(int supplementRequests) => supplementRequests > SupplementRequestsAllowed;

    /// <summary>Judges a dossier whose clock stopped at <paramref name="clockStoppedAt"/>.</summary>
    public static Timeliness AtEnd(DateTimeOffset clockStoppedAt, DateTimeOffset deadline, int supplementRequests)
    {
        if (BreaksSupplementOnceRule(supplementRequests) || clockStoppedAt > LastInstantOfDay(deadline))
        {
            return Timeliness.Late;
        }
        return VietnamTime.DateOf(clockStoppedAt) < VietnamTime.DateOf(deadline) ? Timeliness.Early : Timeliness.OnTime;
    }

    /// <summary>The last instant at which processing of a dossier due at <paramref name="deadline"/> still ends on time.</summary>
    public static DateTimeOffset LastInstantOfDay(DateTimeOffset deadline) =>
        VietnamTime.StartOf(VietnamTime.DateOf(deadline).AddDays(1)).AddTicks(-1);

    /// <summary>
    /// The instant after which an unfinished dossier is overdue: the end of its appointment's day, or the second
    /// supplement request if that came first. Null while it cannot turn overdue: its clock was paused before the deadline,
    /// which will move when the applicant supplements.
    /// </summary>
    public static DateTimeOffset? OverdueFrom(DateTimeOffset deadline, DateTimeOffset? pausedSince, IReadOnlyList<DateTimeOffset> supplementRequestTimes)
    {
        var endOfDay = LastInstantOfDay(deadline);
        if (BreaksSupplementOnceRule(supplementRequestTimes.Count))
        {
            var ruleBroken = supplementRequestTimes[SupplementRequestsAllowed];
            return ruleBroken < endOfDay ? ruleBroken : endOfDay;
        }
        return pausedSince is { } paused && paused <= deadline ? null : endOfDay;
    }

    /// <summary>
    /// Whether a dossier that turns overdue at <paramref name="overdueFrom"/> (see <see cref="OverdueFrom"/>) is overdue
    /// at <paramref name="now"/>: judged by the minute, as the units' overdue counters count (a dossier overdue from
    /// 10:00:00 is overdue from 10:01), so that a dossier, the overdue list and the counter always agree.
    /// </summary>
    public static bool IsOverdueAt(DateTimeOffset? overdueFrom, DateTimeOffset now) => overdueFrom is { } from && JudgedAt(now) > from;

    /// <summary>The instant <paramref name="now"/> is judged at: the start of its minute.</summary>
    public static DateTimeOffset JudgedAt(DateTimeOffset now) => now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMinute));

    /// <summary>
    /// The timeliness a dossier shows at <paramref name="now"/>: fixed once processing ended, judged by the clock while
    /// a received dossier is open, none before reception or for a dossier that ended without judgement (a refusal).
    /// </summary>
    /// <param name="overdueFrom">When the open dossier turns overdue; null while it cannot (<see cref="OverdueFrom"/>).</param>
    public static Timeliness At(DateTimeOffset now, Timeliness final, bool received, bool ended, DateTimeOffset? overdueFrom) =>
        final != Timeliness.Unspecified ? final
        : !received || ended ? Timeliness.Unspecified
        : IsOverdueAt(overdueFrom, now) ? Timeliness.Overdue
        : Timeliness.WithinDeadline;
}
