namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The database sent a notice while it committed a batch. The one a commit can bring is the warning that its wait for
/// the synchronous standbys was cancelled: committed on the primary, perhaps on no standby. Whatever the notice, the
/// batch's outcome is unknown and it is settled like one whose connection broke.
/// </summary>
internal sealed class CommitNoticeException : Exception
{
    public CommitNoticeException()
    {
    }

    public CommitNoticeException(string notice)
        : base($"The database said \"{notice}\" as it committed the batch.")
    {
    }

    public CommitNoticeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
