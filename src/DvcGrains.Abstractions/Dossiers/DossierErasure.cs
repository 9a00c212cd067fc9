namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// An entry of the register of erasures: which dossier's personal data were erased, why, by whom and when. It holds
/// no personal data itself (the erasing portal's identity, not an officer's name), so it is kept for good and can be
/// exported to replay erasures after a restore.
/// </summary>
/// <param name="ErasedBy">The authenticated system that asked (a token's subject), or the retention policy.</param>
/// <param name="Client">The address the request came from; empty for the retention policy.</param>
[GenerateSerializer, Immutable]
public sealed record DossierErasure(
    [property: Id(0)] string DossierId,
    [property: Id(1)] ErasureCause Cause,
    [property: Id(2)] string Reason,
    [property: Id(3)] string ErasedBy,
    [property: Id(4)] string Client,
    [property: Id(5)] DateTimeOffset At)
{
    /// <summary>The reason and the erasing system the retention policy records.</summary>
    public const string RetentionReason = "retention";

    public static DossierErasure ByRetention(string dossierId, DateTimeOffset at) =>
        new(dossierId, ErasureCause.Retention, RetentionReason, RetentionReason, "", at);
}
