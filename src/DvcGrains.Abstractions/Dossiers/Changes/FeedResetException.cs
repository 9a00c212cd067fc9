namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>
/// A reader's position is not one of the database's history as it stands: it names an incarnation the database never
/// had (restored from a backup of another line, or a server that started afresh), or it lies past what the database kept
/// of an earlier incarnation (restored to an earlier point, or failed over to a standby that lacked it). Changes before
/// it may be gone and changes after it may have taken its place, so the reader cannot go on from it without a gap: it
/// follows again from the first change (or from now, after re-reading what it keeps).
/// </summary>
public sealed class FeedResetException(ChangePosition position, string why) : Exception(why)
{
    public ChangePosition Position { get; } = position;
}
