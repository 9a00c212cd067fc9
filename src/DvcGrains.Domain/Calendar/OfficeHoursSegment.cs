namespace DvcGrains.Domain.Calendar;

/// <summary>One stretch of office hours (giờ hành chính) of a working day, in Vietnam time.</summary>
public sealed record OfficeHoursSegment(TimeOnly From, TimeOnly To)
{
    public TimeSpan Length => To - From;
}
