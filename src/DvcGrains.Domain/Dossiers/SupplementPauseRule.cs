using DvcGrains.Domain.Calendar;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Yêu cầu bổ sung: a supplement request stops the clock until the applicant supplements. A due date still ahead when
/// the pause began moves so that the working time then left is left again after the pause; a due date already
/// passed stays, because the dossier was late before the applicant was asked for anything.
/// </summary>
public static class SupplementPauseRule
{
    public static DateTimeOffset MoveAfterPause(DateTimeOffset due, DateTimeOffset pausedSince, DateTimeOffset resumedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return pausedSince < due ? calendar.AddWorkingTime(resumedAt, calendar.WorkingTimeBetween(pausedSince, due)) : due;
    }
}
