using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;

namespace DvcGrains.Grains.Codes;

/// <summary>
/// Why no code is handed out twice, even after a restore lost what was handed out since the restore's point
/// (decision 26). A unit's codes of a day rise with the clock along a line: a code is handed out only while its number
/// is at most <see cref="At"/>, <see cref="Burst"/> at midnight then <see cref="PerSecond"/> more each second, so every
/// code handed out at an instant lies below the line there, on any branch of the database's history. Whatever a
/// restore or a failover lost was handed out before the new incarnation began (the lost branch was stopped first), so
/// it lies below the line at that instant; an allocator whose sequence was written in another incarnation therefore
/// continues above it (<see cref="Floor"/>), and above the highest code of its day among the dossiers present.
/// </summary>
/// <remarks>
/// Clocks (the silos' and the database's) may differ by up to <see cref="ClockSkew"/>, which the line is read with. A
/// day that began after the new incarnation did cannot have been handed out on the lost branch, since codes are
/// handed out only for days that have begun; neither can any day in the first incarnation, which branched from nothing.
/// </remarks>
public static class CodeLine
{
    /// <summary>Codes a unit may take at once, at any hour.</summary>
    public const long Burst = 100_000;

    /// <summary>How fast the line rises: far above a unit's real pace, well within a day's 9,999,999 codes.</summary>
    public const double PerSecond = 50;

    /// <summary>The most two clocks of the cluster (silos, database) are assumed to differ by.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(2);

    /// <summary>The highest number of <paramref name="day"/> that may be handed out at <paramref name="instant"/>.</summary>
    public static long At(DateOnly day, DateTimeOffset instant)
    {
        var seconds = Math.Max(0, (instant - VietnamTime.StartOf(day)).TotalSeconds);
        return (long)Math.Min(DossierCode.MaxSequence, Burst + Math.Floor(seconds * PerSecond));
    }

    /// <summary>
    /// The number an allocator of <paramref name="day"/> continues after in <paramref name="current"/>, when its stored
    /// sequence <paramref name="last"/> was written in another incarnation (or none is stored): past every code of the
    /// day a lost branch can have handed out, and past <paramref name="highestPresent"/>.
    /// </summary>
    public static long Floor(DateOnly day, CurrentIncarnation current, long last, long highestPresent)
    {
        ArgumentNullException.ThrowIfNull(current);
        var floor = Math.Max(last, highestPresent);
        var lostUntil = current.Began + ClockSkew;
        return current.MayHaveLostWrites && VietnamTime.StartOf(day) <= lostUntil ? Math.Max(floor, At(day, lostUntil)) : floor;
    }
}
