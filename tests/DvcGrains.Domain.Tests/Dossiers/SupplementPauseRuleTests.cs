using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>The supplement pause (the clock stops) and the supplement-once rule. Deadline: Monday 09/03 08:00.</summary>
public class SupplementPauseRuleTests
{
    [Fact]
    public void Completing_a_supplement_keeps_the_working_time_left_at_the_pause()
    {
        // Paused Wednesday 04/03 08:00 with 24 h left: Wednesday 7.5 h, Thursday and Friday 16 h, Monday 0.5 h.
        // Resumed Tuesday 10/03 10:00: Tuesday 5.5 h, Wednesday and Thursday 16 h, then 2.5 h from Friday 07:30.
        var state = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 4, 8))
            .Then("CompleteSupplement", Vn.At(2026, 3, 10, 10))
            .State;

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal(Vn.At(2026, 3, 13, 10), state.Deadline);
        Assert.Equal(Vn.At(2026, 3, 13, 10), state.Appointment);
        Assert.Null(state.PausedSince);
        Assert.Equal((long)TimeSpan.FromDays(6).Add(TimeSpan.FromHours(2)).TotalSeconds, state.PausedSeconds);
    }

    [Fact]
    public void A_pause_that_began_after_the_deadline_leaves_it_where_it_was()
    {
        var state = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 10, 9))
            .Then("CompleteSupplement", Vn.At(2026, 3, 12, 9))
            .State;

        Assert.Equal(Vn.At(2026, 3, 9, 8), state.Deadline);
        Assert.Equal(Vn.At(2026, 3, 9, 8), state.Appointment);
    }

    [Fact]
    public void The_rule_moves_a_due_date_ahead_of_the_pause_and_keeps_one_behind_it()
    {
        var calendar = DossierScenario.Calendar;
        var due = Vn.At(2026, 3, 9, 8);

        Assert.Equal(Vn.At(2026, 3, 13, 10), SupplementPauseRule.MoveAfterPause(due, Vn.At(2026, 3, 4, 8), Vn.At(2026, 3, 10, 10), calendar));
        Assert.Equal(due, SupplementPauseRule.MoveAfterPause(due, due, Vn.At(2026, 3, 10, 10), calendar));
    }

    [Fact]
    public void A_second_supplement_request_makes_the_dossier_overdue_and_then_late()
    {
        // First pause Tuesday 03/03 09:00 with 31 h left, resumed 14:00: 3 h on Tuesday, 24 h Wednesday to Friday,
        // the last 4 h end on Monday 09/03 at 11:30.
        var scenario = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 3, 9))
            .Then("CompleteSupplement", Vn.At(2026, 3, 3, 14));
        Assert.Equal(Vn.At(2026, 3, 9, 11, 30), scenario.State.Deadline);

        scenario.Then("RequestSupplement", Vn.At(2026, 3, 4, 9));

        Assert.Equal(Timeliness.WithinDeadline, scenario.State.TimelinessAt(Vn.At(2026, 3, 4, 9)));
        Assert.Equal(Timeliness.Overdue, scenario.State.TimelinessAt(Vn.At(2026, 3, 4, 10)));

        scenario.Then("CompleteSupplement", Vn.At(2026, 3, 5, 9)).Then("FinishProcessing", Vn.At(2026, 3, 5, 10));

        Assert.Equal(Timeliness.Late, scenario.State.FinalTimeliness);
    }
}
