using DvcGrains.Domain.Access;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>
/// Builds dossier states the way production does: a Submit decided by the state machine, then each further command
/// decided and its event folded in. A step the state machine refuses fails the test at once.
/// </summary>
internal sealed class DossierScenario
{
    public static readonly WorkingCalendar Calendar = ShippedData.Calendar;

    /// <summary>The look-up code every dossier of a scenario gets.</summary>
    public const string LookupCodeOfScenarios = "ACEF3479";

    /// <summary>Monday 2026-03-02 07:00, in a week without holidays.</summary>
    public static readonly DateTimeOffset Start = Vn.At(2026, 3, 2, 7);

    private readonly List<DossierEvent> _events;
    private Procedure _catalogd;

    private DossierScenario(DossierSubmitted submitted, Procedure catalogd)
    {
        State = DossierState.Start(submitted);
        _events = [submitted];
        _catalogd = catalogd;
    }

    public DossierState State { get; private set; }

    /// <summary>The events the state is the fold of, oldest first.</summary>
    public IReadOnlyList<DossierEvent> Events => _events;

    /// <summary>
    /// Decides with the server's clock at the command's own time unless told otherwise, against a catalog that
    /// holds <paramref name="catalogd"/> (five working days unless told otherwise).
    /// </summary>
    public static Decision Decide(
        DossierState? state, DossierCommand command, DateTimeOffset? now = null, Procedure? catalogd = null, CallerScope? scope = null)
    {
        var entry = catalogd ?? SampleCommands.FiveDays;
        return DossierStateMachine.Decide(
            state, command, new DecisionContext(now ?? command.At, Calendar, code => code == entry.Code ? entry : null, scope ?? CallerScope.Everything, () => LookupCodeOfScenarios));
    }

    public static DossierScenario Submitted(DateTimeOffset at, Channel channel = Channel.Online, Procedure? procedure = null)
    {
        var catalogd = procedure ?? SampleCommands.FiveDays;
        var decision = Decide(null, SampleCommands.Submit(at, channel, catalogd), catalogd: catalogd);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        return new DossierScenario((DossierSubmitted)decision.Event!, catalogd);
    }

    /// <summary>The catalog's entry for the dossier's procedure changes to <paramref name="procedure"/> from now on.</summary>
    public DossierScenario Cataloguing(Procedure procedure)
    {
        _catalogd = procedure;
        return this;
    }

    /// <summary>Received Monday 2026-03-02 08:00 with five working days: deadline Monday 2026-03-09 08:00.</summary>
    public static DossierScenario Received() =>
        Submitted(Start).Then(new Receive(SampleCommands.Actor, Vn.At(2026, 3, 2, 8)));

    /// <summary>Received as <see cref="Received"/>, processing from 09:00.</summary>
    public static DossierScenario Processing() =>
        Received().Then(new StartProcessing(SampleCommands.Actor, Vn.At(2026, 3, 2, 9), "Phòng Tư pháp"));

    /// <summary>A dossier in <paramref name="status"/>, its events an hour apart from Monday 2026-03-02 07:00.</summary>
    public static DossierScenario InStatus(DossierStatus status)
    {
        var at = Start;
        DateTimeOffset Next() => at = at.AddHours(1);
        var online = Submitted(Start);
        return status switch
        {
            DossierStatus.Submitted => online,
            DossierStatus.Received => online.Then("Receive", Next()),
            DossierStatus.Refused => online.Then("Refuse", Next()),
            _ => FromProcessing(online.Then("Receive", Next()).Then("StartProcessing", Next()), status, Next),
        };
    }

    private static DossierScenario FromProcessing(DossierScenario processing, DossierStatus status, Func<DateTimeOffset> next) => status switch
    {
        DossierStatus.Processing => processing,
        DossierStatus.SupplementRequested => processing.Then("RequestSupplement", next()),
        DossierStatus.PaymentRequested => processing.Then("RequestPayment", next()),
        DossierStatus.WithdrawalRequested => processing.Then("RequestWithdrawal", next()),
        DossierStatus.Stopped => processing.Then("StopProcessing", next()),
        DossierStatus.Finished => processing.Then("FinishProcessing", next()),
        DossierStatus.Returned => processing.Then("FinishProcessing", next()).Then("ReturnResult", next()),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public DossierScenario Then(string commandName, DateTimeOffset at) => Then(SampleCommands.Named(commandName, at));

    public DossierScenario Then(DossierCommand command)
    {
        var decision = Decide(State, command, catalogd: _catalogd);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        State = State.Apply(decision.Event!);
        _events.Add(decision.Event!);
        return this;
    }
}
