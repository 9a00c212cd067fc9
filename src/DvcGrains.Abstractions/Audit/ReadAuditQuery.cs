namespace DvcGrains.Abstractions.Audit;

/// <summary>The reads an auditor asks for: of one dossier or by one reader (or both), in a time range, newest first.</summary>
/// <param name="DossierId">Only reads of this dossier; null for any.</param>
/// <param name="Subject">Only reads by this subject; null for any.</param>
/// <param name="From">At or after this instant.</param>
/// <param name="Before">Before this instant.</param>
/// <param name="Limit">At most this many, the newest.</param>
public sealed record ReadAuditQuery(string? DossierId, string? Subject, DateTimeOffset From, DateTimeOffset Before, int Limit);
