namespace DvcGrains.Domain.Procedures;

/// <summary>An administrative procedure (thủ tục hành chính) of the catalog.</summary>
/// <param name="ProcessingWorkingDays">Statutory processing time in working days; 0 with hours for an hour-based deadline.</param>
/// <param name="ProcessingHours">Statutory processing time in working hours, added to the days.</param>
/// <param name="FullProcessOnline">Offered as a full-process (toàn trình) online service.</param>
/// <param name="FeeVnd">Fee in đồng; 0 for none.</param>
/// <param name="PaperResult">The result is (also) a paper document.</param>
public sealed record Procedure(
    string Code,
    string Name,
    int ProcessingWorkingDays,
    int ProcessingHours,
    bool FullProcessOnline,
    long FeeVnd,
    bool PaperResult)
{
    public ProcessingTime ProcessingTime => new(ProcessingWorkingDays, ProcessingHours);
}
