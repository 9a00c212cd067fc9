using System.Diagnostics;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The clock of Orleans' membership area (<c>TimeProviderNames.Membership</c>): the system clock, but with timestamps
/// counted from the clock's creation instead of the machine's boot. Orleans' watchdog starts its component-check thread
/// a moment after the thread that compares against it, whose first check then measures from timestamp 0: with the
/// system clock that reads as "not completed for" the machine's uptime (a warning at every start, and a false stall
/// in the silo's health score); with this clock it reads as the few seconds the silo took to start. Only differences of
/// timestamps mean anything, so nothing else changes.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
