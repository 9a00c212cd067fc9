using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// On-time judgement (đúng hạn / trước hạn / trễ hạn) against the statutory deadline. Apology slips move the
/// appointment shown to the applicant, never the deadline: a late dossier stays late.
/// </summary>
public static class TimelinessRules
{
    /// <summary>The "supplement once" rule: a second supplement request makes the dossier late.</summary>
    public const int SupplementRequestsAllowed = 1;

    public static bool BreaksSupplementOnceRule(int supplementRequests) => supplementRequests > SupplementRequestsAllowed;

    /// <summary>Judges a dossier whose clock stopped at <paramref name="clockStoppedAt"/>.</summary>
    public static Timeliness AtEnd(DateTimeOffset clockStoppedAt, DateTimeOffset deadline, int supplementRequests)
    {
        if (BreaksSupplementOnceRule(supplementRequests) || clockStoppedAt > deadline)
        {
            return Timeliness.Late;
        }
        return VietnamTime.DateOf(clockStoppedAt) < VietnamTime.DateOf(deadline) ? Timeliness.Early : Timeliness.OnTime;
    }

    /// <summary>
    /// The instant an unfinished dossier turns overdue, or null while it cannot (its clock is paused before the
    /// deadline, so the deadline will move when the applicant supplements).
    /// </summary>
    public static DateTimeOffset? OverdueFrom(DateTimeOffset deadline, DateTimeOffset? pausedSince, IReadOnlyList<DateTimeOffset> supplementRequestTimes)
    {
        if (BreaksSupplementOnceRule(supplementRequestTimes.Count))
        {
            var ruleBroken = supplementRequestTimes[SupplementRequestsAllowed];
            return ruleBroken < deadline ? ruleBroken : deadline;
        }
        return pausedSince is { } paused && paused <= deadline ? null : deadline;
    }

    /// <summary>Judges a dossier that has not finished, at <paramref name="now"/>.</summary>
    public static Timeliness WhileOpen(DateTimeOffset now, DateTimeOffset deadline, DateTimeOffset? pausedSince, IReadOnlyList<DateTimeOffset> supplementRequestTimes) =>
        OverdueFrom(deadline, pausedSince, supplementRequestTimes) is { } overdueFrom && now > overdueFrom
            ? Timeliness.Overdue
            : Timeliness.WithinDeadline;
}
