namespace DvcGrains.Domain.Dossiers.Lookup;

/// <summary>One step of a dossier's progress as the applicant sees it: the status it reached, and when.</summary>
public sealed record LookupStep(DossierStatus Status, DateTimeOffset At);
