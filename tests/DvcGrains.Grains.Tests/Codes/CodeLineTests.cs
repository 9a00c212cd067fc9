using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;
using DvcGrains.Grains.Codes;

namespace DvcGrains.Grains.Tests.Codes;

/// <summary>
/// The rule that keeps a code from being handed out twice across a restore: every code lies below its day's line at the
/// instant it is handed out, and after a change of incarnation an allocator continues above the line at the instant the
/// new incarnation began, so above anything a lost branch can have handed out.
/// </summary>
public sealed class CodeLineTests
{
    private static readonly DateOnly Day = new(2026, 12, 6);
    private static readonly DateTimeOffset Midnight = VietnamTime.StartOf(Day);

    /// <summary>Incarnation 2 began at 15:00 on the day, branched from the first a few seconds before.</summary>
    private static readonly CurrentIncarnation AfterFailover = new(
        new DatabaseIncarnation(2, 42), Midnight.AddHours(15).AddSeconds(-7), Midnight.AddHours(15));

    private static readonly CurrentIncarnation FirstEver = AfterFailover with { Incarnation = new DatabaseIncarnation(1, 42) };

    [Fact]
    public void The_line_starts_at_the_burst_at_midnight_rises_with_the_clock_and_stops_at_the_last_code()
    {
        Assert.Equal(CodeLine.Burst, CodeLine.At(Day, Midnight.AddHours(-3)));
        Assert.Equal(CodeLine.Burst, CodeLine.At(Day, Midnight));
        Assert.Equal(CodeLine.Burst + 3600 * (long)CodeLine.PerSecond, CodeLine.At(Day, Midnight.AddHours(1)));
        Assert.True(CodeLine.At(Day, Midnight.AddDays(1)) < DossierCode.MaxSequence, "a whole day at the line's pace fits the day's codes");
        Assert.Equal(DossierCode.MaxSequence, CodeLine.At(Day, Midnight.AddDays(3)));
    }

    [Fact]
    public void In_the_first_incarnation_an_allocator_goes_on_after_its_own_sequence_or_the_highest_code_present()
    {
        Assert.Equal(17, CodeLine.Floor(Day, FirstEver, last: 17, highestPresent: 3));
        Assert.Equal(250, CodeLine.Floor(Day, FirstEver, last: 17, highestPresent: 250));
    }

    [Fact]
    public void After_a_change_of_incarnation_every_code_a_lost_branch_can_have_handed_out_lies_below_where_the_allocator_goes_on()
    {
        var floor = CodeLine.Floor(Day, AfterFailover, last: 17, highestPresent: 3);

        // A lost branch handed codes out until the new incarnation began, on clocks up to the assumed skew ahead.
        var lostUntil = AfterFailover.Began + CodeLine.ClockSkew;
        Assert.All(new[] { Midnight, Midnight.AddHours(9), AfterFailover.BranchedAfter, lostUntil }, handedOut =>
            Assert.True(CodeLine.At(Day, handedOut) <= floor, $"a code handed out at {handedOut:HH:mm:ss} may reach {CodeLine.At(Day, handedOut)}, above {floor}"));
        // The allocator hands the floor's next number out once the line reaches it: a few seconds after the incarnation began.
        Assert.InRange(CodeLine.At(Day, AfterFailover.Began + 2 * CodeLine.ClockSkew), floor + 1, DossierCode.MaxSequence);
    }

    [Fact]
    public void A_day_that_began_after_the_new_incarnation_did_goes_on_from_its_own_sequence()
    {
        var nextDay = Day.AddDays(1);

        Assert.Equal(0, CodeLine.Floor(nextDay, AfterFailover, last: 0, highestPresent: 0));
        Assert.Equal(9, CodeLine.Floor(nextDay, AfterFailover, last: 9, highestPresent: 0));
    }

    [Fact]
    public void A_day_long_past_when_the_database_was_restored_has_no_code_left_that_a_lost_branch_cannot_have_taken()
    {
        Assert.Equal(DossierCode.MaxSequence, CodeLine.Floor(Day.AddDays(-5), AfterFailover, last: 12, highestPresent: 0));
    }
}
