namespace DvcGrains.Domain.Dossiers;

/// <summary>On-time judgement of a dossier: before its end relative to now, after it fixed for good.</summary>
public enum Timeliness
{
    /// <summary>Not received yet (the clock never started), or refused.</summary>
    Unspecified = 0,
    /// <summary>Not finished, now at or before the deadline (trong hạn).</summary>
    WithinDeadline = 1,
    /// <summary>Not finished, now after the deadline (quá hạn).</summary>
    Overdue = 2,
    /// <summary>Finished on a day before the deadline's day (trước hạn).</summary>
    Early = 3,
    /// <summary>Finished on the deadline's day, not after the deadline (đúng hạn).</summary>
    OnTime = 4,
    /// <summary>Finished after the deadline, or supplement requested more than once (trễ hạn).</summary>
    Late = 5,
}
