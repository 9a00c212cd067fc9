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

    /// <summary>Judges a dossier that has not finished, at <paramref name="now"/>.</summary>
    public static Timeliness WhileOpen(DateTimeOffset now, DateTimeOffset deadline, DateTimeOffset? pausedSince, IReadOnlyList<DateTimeOffset> supplementRequestTimes) =>
        OverdueFrom(deadline, pausedSince, supplementRequestTimes) is { } overdueFrom && now > overdueFrom
            ? Timeliness.Overdue
            : Timeliness.WithinDeadline;
}
