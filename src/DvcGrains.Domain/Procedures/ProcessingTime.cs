namespace DvcGrains.Domain.Procedures;

/// <summary>A statutory processing time: whole working days plus working hours.</summary>
public readonly record struct ProcessingTime(int WorkingDays, int WorkingHours)
{
    /// <summary>No statutory processing time is longer than a year of working days.</summary>
    public const int MaxWorkingDays = 365;

    /// <summary>Hour-based deadlines: at most a year of eight-hour working days.</summary>
    public const int MaxWorkingHours = MaxWorkingDays * 8;

    /// <summary>Some time to count, and no negative part that could cancel it or move a deadline backwards.</summary>
    public bool IsPositive => WorkingDays >= 0 && WorkingHours >= 0 && (WorkingDays > 0 || WorkingHours > 0);

    public override string ToString() => (WorkingDays, WorkingHours) switch
    {
        (> 0, > 0) => $"{WorkingDays} working days {WorkingHours} h",
        (> 0, _) => $"{WorkingDays} working days",
        _ => $"{WorkingHours} working hours",
    };
}
