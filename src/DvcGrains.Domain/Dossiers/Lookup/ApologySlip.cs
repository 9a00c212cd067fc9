namespace DvcGrains.Domain.Dossiers.Lookup;

/// <summary>
/// Phiếu xin lỗi và hẹn lại ngày trả kết quả: the authority's apology for a late dossier, its reason, and the new
/// appointment it promises.
/// </summary>
public sealed record ApologySlip(DateTimeOffset IssuedAt, string Reason, DateTimeOffset NewAppointment);
