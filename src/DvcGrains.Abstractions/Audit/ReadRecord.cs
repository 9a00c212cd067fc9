namespace DvcGrains.Abstractions.Audit;

/// <summary>
/// One read of dossier data: who read (the token's subject and roles, or a citizen's client), from where, when, by
/// which method, and what: one dossier, or a list's filters and how many dossiers it gave, or a range of the change
/// feed and how many changes it sent. It names no field of a dossier: the record of reads holds no personal data but
/// the codes read and the readers.
/// </summary>
/// <param name="Subject">The token's subject; <c>public@ADDRESS</c> for a caller without a token (a citizen's look-up).</param>
/// <param name="Roles">The token's roles, in order.</param>
/// <param name="Client">The client's address, as the server tells its clients apart (a trusted forwarded address, an IPv6 /64).</param>
/// <param name="Method">The method read through, as the contract names it: <c>dvc.v1.Dossiers/Get</c>.</param>
/// <param name="DossierId">The dossier read, for Get and Lookup; null for a list or the feed.</param>
/// <param name="Query">A list's unit and filters, or the feed's unit and the positions it sent from and through.</param>
/// <param name="Returned">The dossiers (or changes) the reader received: 0 for a look-up whose code was wrong.</param>
public sealed record ReadRecord(
    DateTimeOffset At, string Subject, IReadOnlyList<string> Roles, string Client, string Method, string? DossierId, string? Query, int Returned);
