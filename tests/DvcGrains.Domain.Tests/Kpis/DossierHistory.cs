using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Tests.Kpis;

/// <summary>Builds a dossier's events one by one, numbering versions, so tests can fold any prefix into a state.</summary>
internal sealed class DossierHistory
{
    private static readonly ProcessingTime FiveDays = new(5, 0);
    private readonly List<DossierEvent> _events = [];

    private DossierHistory(DossierSubmitted submitted) => _events.Add(submitted);

    public static DateTimeOffset Vn(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, VietnamTime.Offset);

    public static DossierComponent Component(bool digitized = true, bool reused = false, bool citizenStore = false) =>
        new("giấy tờ", digitized, reused, citizenStore);

    public static DossierHistory SubmittedOnline(
        DateTimeOffset at, IReadOnlyList<DossierComponent>? components = null, bool vneid = false, bool synced = false) =>
        new(Submitted(at, Channel.Online, components, vneid, synced, deadline: null));

    /// <summary>Filed at the desk (or by post): received on submission, its clock running until <paramref name="deadline"/>.</summary>
    public static DossierHistory ReceivedOnSubmission(
        DateTimeOffset at, DateTimeOffset deadline, Channel channel = Channel.InPerson,
        IReadOnlyList<DossierComponent>? components = null, bool vneid = false, bool synced = false) =>
        new(Submitted(at, channel, components, vneid, synced, deadline));

    public IReadOnlyList<DossierEvent> Events => _events;

    public DossierState State => DossierState.Fold(_events)!;

    /// <summary>The state after each event, oldest first.</summary>
    public IReadOnlyList<DossierState> Versions =>
        [.. Enumerable.Range(1, _events.Count).Select(n => DossierState.Fold(_events.Take(n))!)];

    public DossierHistory Receive(DateTimeOffset at, DateTimeOffset deadline) => Add(new DossierReceived(Next, at, "desk", FiveDays, deadline));

    public DossierHistory Refuse(DateTimeOffset at) => Add(new DossierRefused(Next, at, "desk", "thiếu giấy tờ"));

    public DossierHistory StartProcessing(DateTimeOffset at) => Add(new ProcessingStarted(Next, at, "desk", "phòng tư pháp"));

    public DossierHistory RequestSupplement(DateTimeOffset at) => Add(new SupplementRequested(Next, at, "officer", "bổ sung"));

    public DossierHistory CompleteSupplement(DateTimeOffset at, DateTimeOffset newDeadline, IReadOnlyList<DossierComponent>? components = null) =>
        Add(new SupplementCompleted(Next, at, "citizen", components ?? [], newDeadline, newDeadline));

    public DossierHistory RequestPayment(DateTimeOffset at, long amountVnd) => Add(new PaymentRequested(Next, at, "officer", amountVnd));

    public DossierHistory RecordPayment(DateTimeOffset at, long amountVnd, PaymentMethod method) =>
        Add(new PaymentRecorded(Next, at, "citizen", amountVnd, method));

    public DossierHistory Finish(DateTimeOffset at, bool electronic = false) => Add(new ProcessingFinished(Next, at, "officer", "KQ-1", electronic));

    public DossierHistory Return(DateTimeOffset at) => Add(new ResultReturned(Next, at, "desk"));

    public DossierHistory RequestWithdrawal(DateTimeOffset at) => Add(new WithdrawalRequested(Next, at, "citizen", "không cần nữa"));

    public DossierHistory Stop(DateTimeOffset at) => Add(new ProcessingStopped(Next, at, "officer", "rút hồ sơ"));

    public DossierHistory Rate(DateTimeOffset at, bool satisfied) => Add(new DossierRated(Next, at, "citizen", satisfied));

    public DossierHistory Sync(DateTimeOffset at) => Add(new DossierSynced(Next, at, "portal"));

    private long Next => _events.Count + 1;

    private DossierHistory Add(DossierEvent dossierEvent)
    {
        _events.Add(dossierEvent);
        return this;
    }

    private static DossierSubmitted Submitted(
        DateTimeOffset at, Channel channel, IReadOnlyList<DossierComponent>? components, bool vneid, bool synced, DateTimeOffset? deadline) =>
        new(1, at, "applicant", "000.00.20.H17-230601-0001", "25", "1.001", channel, ApplicantType.Citizen, vneid,
            components ?? [], synced, deadline is null ? null : FiveDays, deadline);
}
