using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// What of a dossier's state its unit's KPIs depend on, with every instant reduced to its Vietnam day. Small, because
/// the KPI ledger stores each dossier's facts with every command; equal facts mean an unchanged contribution.
/// </summary>
/// <param name="CohortDay">The day it counts as received: its reception, or its submission when it was never received.</param>
/// <param name="Digitized">Has components and every one of them is digitised (số hóa).</param>
/// <param name="FeeDossier">A fee is due on it.</param>
/// <param name="PaidOnline">A fee is due on it and was paid online.</param>
/// <param name="FinishedTimeliness">Early, on time or late when finished; <see cref="Timeliness.Unspecified"/> otherwise.</param>
public sealed record DossierKpiFacts(
    DateOnly CohortDay,
    Channel Channel,
    bool Digitized,
    bool ReusedData,
    bool FromCitizenStore,
    bool VneidAuthenticated,
    bool Synced,
    bool FeeDossier,
    bool PaidOnline,
    DateOnly? RefusedOn,
    DateOnly? FinishedOn,
    Timeliness FinishedTimeliness,
    bool ElectronicResult,
    DateOnly? ReturnedOn,
    DateOnly? StoppedOn,
    DayList SupplementRequestDays,
    DateOnly? RatedOn,
    bool RatedUnsatisfied,
    OpenInterval? Open,
    OverdueInterval? Overdue)
{
    public static DossierKpiFacts From(DossierState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var components = state.Components;
        var feeDossier = state.FeeDueVnd > 0;
        return new DossierKpiFacts(
            CohortDay: VietnamTime.DateOf(state.ReceivedAt ?? state.SubmittedAt),
            Channel: state.Channel,
            Digitized: components.Count > 0 && components.TrueForAll(c => c.Digitized),
            ReusedData: components.Exists(c => c.ReusedData),
            FromCitizenStore: components.Exists(c => c.FromCitizenStore),
            VneidAuthenticated: state.VneidAuthenticated,
            Synced: state.SyncedToNationalPortal,
            FeeDossier: feeDossier,
            PaidOnline: feeDossier && state.PaidOnline,
            RefusedOn: DayOf(state.RefusedAt),
            FinishedOn: DayOf(state.FinishedAt),
            FinishedTimeliness: state.FinishedAt is null ? Timeliness.Unspecified : state.FinalTimeliness,
            ElectronicResult: state.FinishedAt is not null && state.ElectronicResult,
            ReturnedOn: DayOf(state.ReturnedAt),
            StoppedOn: DayOf(state.StoppedAt),
            SupplementRequestDays: new DayList(state.SupplementRequestTimes.Select(VietnamTime.DateOf)),
            RatedOn: state.Rated ? DayOf(state.RatedAt) : null,
            RatedUnsatisfied: state.Rated && !state.Satisfied,
            Open: OpenIntervalOf(state),
            Overdue: OverdueIntervalOf(state));
    }

    /// <summary>Processing ends at the first of finishing, stopping or refusing.</summary>
    private static DateTimeOffset? EndOf(DossierState state) => state.FinishedAt ?? state.StoppedAt ?? state.RefusedAt;

    private static OpenInterval? OpenIntervalOf(DossierState state) =>
        state.ReceivedAt is { } receivedAt ? new OpenInterval(VietnamTime.DateOf(receivedAt), DayOf(EndOf(state))) : null;

    /// <summary>
    /// For an ended dossier the pause and the supplement requests in its final state are those at its end, so the
    /// rule that judges an open dossier also says whether, and from when, an ended one had been overdue.
    /// </summary>
    private static OverdueInterval? OverdueIntervalOf(DossierState state)
    {
        if (state.ReceivedAt is null || state.Deadline is not { } deadline
            || TimelinessRules.OverdueFrom(deadline, state.PausedSince, state.SupplementRequestTimes) is not { } overdueFrom)
        {
            return null;
        }
        var fromDay = VietnamTime.DateOf(overdueFrom);
        var until = DayOf(EndOf(state));
        if (until <= fromDay)
        {
            return null;
        }
        var time = VietnamTime.TimeOfDay(overdueFrom);
        return new OverdueInterval(fromDay, (short)(time.Hour * 60 + time.Minute), until);
    }

    private static DateOnly? DayOf(DateTimeOffset? instant) => instant is { } at ? VietnamTime.DateOf(at) : null;
}
