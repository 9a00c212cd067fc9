using DvcGrains.Domain.Text;
using static DvcGrains.Domain.Dossiers.DossierMessageText;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Phiếu xin lỗi và hẹn lại ngày trả kết quả: a received dossier that is still being processed and is late gets an
/// apology slip with a new appointment. The slip moves the appointment, never the deadline: the dossier stays late.
/// </summary>
public static class ApologyRule
{
    /// <summary>
    /// How far after the apology the new appointment may lie: no procedure takes longer, and a date beyond it is a typo
    /// that would keep the dossier "within deadline" for ever.
    /// </summary>
    public static readonly TimeSpan MaxPostponement = TimeSpan.FromDays(366);

    /// <summary>Why no apology slip can be issued for the dossier at <paramref name="at"/>; null when one can.</summary>
    public static Message? WhyNotAllowed(DossierState state, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Appointment is not { } appointment)
        {
            return DossierMessages.NeverReceived.With(state.DossierId);
        }
        if (state.HasEnded)
        {
            return DossierMessages.HasEnded.With(state.DossierId, state.Status.ToContractName());
        }
        if (!IsLate(state, appointment, at))
        {
            return (state.PausedSince is null ? DossierMessages.NotLate : DossierMessages.NotLatePaused)
                .With(state.DossierId, Instant(at), Instant(appointment));
        }
        return null;
    }

    /// <summary>
    /// Past the appointment, or asked for a supplement more than once. A clock paused before the appointment is not
    /// late: the appointment will move when the applicant supplements.
    /// </summary>
    private static bool IsLate(DossierState state, DateTimeOffset appointment, DateTimeOffset at) =>
        TimelinessRules.BreaksSupplementOnceRule(state.SupplementRequests)
        || (at > appointment && !(state.PausedSince is { } paused && paused <= appointment));
}
