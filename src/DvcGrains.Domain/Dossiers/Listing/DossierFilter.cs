namespace DvcGrains.Domain.Dossiers.Listing;

/// <summary>
/// The filters of a list of dossiers (an officer's work queue, the overdue list, the sync backlog): a dossier is listed
/// when it matches every filter given. <see cref="Matches"/> is the rule; storage that filters in SQL states the same
/// rule over the columns of <see cref="DossierSummary"/>, and the tests hold both to it.
/// </summary>
public sealed record DossierFilter
{
    public static DossierFilter Any { get; } = new();

    /// <summary>Any of these statuses; empty: any status.</summary>
    public IReadOnlySet<DossierStatus> Statuses { get; init; } = new HashSet<DossierStatus>();

    /// <summary>Any of these timeliness values, judged at the list's instant; empty: any.</summary>
    public IReadOnlySet<Timeliness> Timeliness { get; init; } = new HashSet<Timeliness>();

    /// <summary>Only dossiers not yet ended whose appointment is before this.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Only dossiers submitted at or after this.</summary>
    public DateTimeOffset? SubmittedFrom { get; init; }

    /// <summary>Only dossiers submitted before this.</summary>
    public DateTimeOffset? SubmittedBefore { get; init; }

    public string? ProcedureCode { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>Only dossiers not yet synchronised to the national portal.</summary>
    public bool NotSynced { get; init; }

    public bool Matches(DossierSummary dossier, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return (Statuses.Count == 0 || Statuses.Contains(dossier.Status))
            && (Timeliness.Count == 0 || Timeliness.Contains(dossier.TimelinessAt(asOf)))
            && (DueBefore is not { } due || (!dossier.HasEnded && dossier.Appointment < due))
            && (SubmittedFrom is not { } from || dossier.SubmittedAt >= from)
            && (SubmittedBefore is not { } before || dossier.SubmittedAt < before)
            && (ProcedureCode is not { } procedure || dossier.ProcedureCode == procedure)
            && (Channel is not { } channel || dossier.Channel == channel)
            && (!NotSynced || !dossier.SyncedToNationalPortal);
    }

    /// <summary>Whether a dossier whose processing has not ended can match: storage then reads only the parts of its indexes that can.</summary>
    public bool AdmitsOpen =>
        (Statuses.Count == 0 || Statuses.Any(DossierStatusExtensions.OccursBeforeTheEnd))
        && (Timeliness.Count == 0 || Timeliness.Any(TimelinessExtensions.OccursBeforeTheEnd));

    /// <summary>Whether a dossier whose processing has ended can match.</summary>
    public bool AdmitsEnded =>
        DueBefore is null
        && (Statuses.Count == 0 || Statuses.Any(DossierStatusExtensions.OccursAfterTheEnd))
        && (Timeliness.Count == 0 || Timeliness.Any(TimelinessExtensions.OccursAfterTheEnd));
}
