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

public static class TimelinessExtensions
{
    /// <summary>An open dossier is within its deadline or overdue, or not judged before its reception.</summary>
    public static bool OccursBeforeTheEnd(this Timeliness timeliness) =>
        timeliness is Timeliness.WithinDeadline or Timeliness.Overdue or Timeliness.Unspecified;

    /// <summary>An ended dossier is early, on time or late, or not judged when refused or stopped unreceived.</summary>
    public static bool OccursAfterTheEnd(this Timeliness timeliness) =>
        timeliness is Timeliness.Early or Timeliness.OnTime or Timeliness.Late or Timeliness.Unspecified;
}
