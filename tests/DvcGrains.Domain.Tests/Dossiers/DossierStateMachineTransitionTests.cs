using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Tests.Calendar;
using S = DvcGrains.Domain.Dossiers.DossierStatus;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>Every (status, command) pair: the legal ones and where they lead, and every other one refused.</summary>
public class DossierStateMachineTransitionTests
{
    /// <summary>
    /// Long after every scenario's deadline (Monday 2026-03-09 08:00), so that an apology is due wherever one can be.
    /// </summary>
    private static readonly DateTimeOffset CommandTime = Vn.At(2026, 4, 1, 9);

    private static readonly DossierStatus[] Withdrawable = [S.Submitted, S.Received, S.Processing, S.SupplementRequested, S.PaymentRequested, S.Finished];

    /// <summary>The legal pairs and the status after. An apology keeps the status; a paused clock is not late.</summary>
    private static readonly Dictionary<(DossierStatus, string), DossierStatus> Legal = new()
    {
        [(S.Submitted, "Receive")] = S.Received,
        [(S.Submitted, "Refuse")] = S.Refused,
        [(S.Received, "StartProcessing")] = S.Processing,
        [(S.Processing, "RequestSupplement")] = S.SupplementRequested,
        [(S.SupplementRequested, "CompleteSupplement")] = S.Processing,
        [(S.Processing, "RequestPayment")] = S.PaymentRequested,
        [(S.PaymentRequested, "RecordPayment")] = S.Processing,
        [(S.Processing, "FinishProcessing")] = S.Finished,
        [(S.PaymentRequested, "FinishProcessing")] = S.Finished,
        [(S.Finished, "ReturnResult")] = S.Returned,
        [(S.Processing, "StopProcessing")] = S.Stopped,
        [(S.WithdrawalRequested, "StopProcessing")] = S.Stopped,
        [(S.Received, "IssueApology")] = S.Received,
        [(S.Processing, "IssueApology")] = S.Processing,
        [(S.PaymentRequested, "IssueApology")] = S.PaymentRequested,
        [(S.WithdrawalRequested, "IssueApology")] = S.WithdrawalRequested,
        [(S.Returned, "Rate")] = S.Returned,
    };

    public static TheoryData<DossierStatus, string> AllPairs()
    {
        var pairs = new TheoryData<DossierStatus, string>();
        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            foreach (var name in SampleCommands.NamesOtherThanSubmit)
            {
                pairs.Add(status, name);
            }
        }
        return pairs;
    }

    private static DossierStatus? Expected(DossierStatus status, string name) => name switch
    {
        "RequestWithdrawal" => Withdrawable.Contains(status) ? S.WithdrawalRequested : null,
        "MarkSynced" => status,
        _ => Legal.TryGetValue((status, name), out var next) ? next : null,
    };

    [Fact]
    public void The_table_covers_every_status_and_command() =>
        Assert.Equal(Enum.GetValues<DossierStatus>().Length * 14, AllPairs().Count);

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_command_in_each_status(DossierStatus status, string commandName)
    {
        var state = DossierScenario.InStatus(status).State;
        Assert.Equal(status, state.Status);
        var before = state with { };
        var command = SampleCommands.Named(commandName, CommandTime);

        var decision = DossierScenario.Decide(state, command);

        if (Expected(status, commandName) is { } after)
        {
            Assert.True(decision.IsAccepted, decision.Rejection?.Message);
            var accepted = decision.Event!;
            Assert.Equal(state.Version + 1, accepted.Version);
            Assert.Equal(commandName, accepted.Command);
            Assert.Equal(CommandTime, accepted.At);
            Assert.Equal(SampleCommands.Actor, accepted.Actor);
            Assert.Equal(after, state.Apply(accepted).Status);
        }
        else
        {
            Assert.Null(decision.Event);
            Assert.Equal(RejectionReason.IllegalTransition, decision.Rejection!.Reason);
            Assert.Contains(commandName, decision.Rejection.Message, StringComparison.Ordinal);
            Assert.Equal(before, state);
        }
    }

    [Theory]
    [InlineData(S.Finished, "Dossier 000.00.20.H17-260302-0001 is FINISHED; RequestSupplement is allowed only in PROCESSING.")]
    [InlineData(S.Received, "Dossier 000.00.20.H17-260302-0001 is RECEIVED; RequestSupplement is allowed only in PROCESSING.")]
    public void The_message_names_the_status_and_what_is_allowed(DossierStatus status, string message)
    {
        var decision = DossierScenario.Decide(DossierScenario.InStatus(status).State, SampleCommands.Named("RequestSupplement", CommandTime));

        Assert.Equal(message, decision.Rejection!.Message);
    }

    [Fact]
    public void The_message_lists_several_allowed_statuses()
    {
        var decision = DossierScenario.Decide(DossierScenario.InStatus(S.Submitted).State, SampleCommands.Named("StopProcessing", CommandTime));

        Assert.EndsWith("StopProcessing is allowed only in PROCESSING or WITHDRAWAL_REQUESTED.", decision.Rejection!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Submit_on_an_existing_dossier_is_refused_as_existing(DossierStatus status)
    {
        var decision = DossierScenario.Decide(DossierScenario.InStatus(status).State, SampleCommands.Submit(CommandTime));

        Assert.Equal(RejectionReason.DossierExists, decision.Rejection!.Reason);
        Assert.Contains(status.ToContractName(), decision.Rejection.Message, StringComparison.Ordinal);
    }

    public static TheoryData<DossierStatus> Statuses() => [.. Enum.GetValues<DossierStatus>()];

    [Fact]
    public void A_second_rating_replaces_the_first()
    {
        var scenario = DossierScenario.InStatus(S.Returned)
            .Then(new Rate(SampleCommands.Actor, CommandTime, Satisfied: true))
            .Then(new Rate(SampleCommands.Actor, CommandTime.AddHours(1), Satisfied: false));

        Assert.True(scenario.State.Rated);
        Assert.False(scenario.State.Satisfied);
    }

    [Fact]
    public void A_partial_payment_stays_in_payment_requested()
    {
        var scenario = DossierScenario.InStatus(S.PaymentRequested)
            .Then(new RecordPayment(SampleCommands.Actor, CommandTime, 40_000, PaymentMethod.Cash));

        Assert.Equal(S.PaymentRequested, scenario.State.Status);
        Assert.Equal(40_000, scenario.State.PaidVnd);
    }
}
