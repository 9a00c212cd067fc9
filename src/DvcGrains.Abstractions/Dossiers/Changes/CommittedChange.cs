using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>One applied command as the feed carries it: the event, and the dossier as it left it.</summary>
public sealed record CommittedChange(ChangePosition Position, DossierSummary Dossier, DossierEvent Event, UnitPath Path);

/// <summary>What a read of the change log found, in order, and how far it read.</summary>
/// <param name="ReadThrough">Every change of the scope up to this position has been read: the last change when the read
/// stopped at its limit, otherwise the log's frontier at the read.</param>
public sealed record ChangeBatch(IReadOnlyList<CommittedChange> Changes, ChangePosition ReadThrough);
