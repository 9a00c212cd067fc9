using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;
using DvcGrains.Abstractions.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DvcGrains.Grains.Tests.Serialization;

/// <summary>Every domain record that crosses a grain boundary or is stored survives Orleans' codec unchanged.</summary>
public sealed class DomainSerializationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddDomainSerialization().BuildServiceProvider();
    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();
    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();
    private static readonly DateTimeOffset At = VietnamTime.At(new DateOnly(2026, 3, 2), new TimeOnly(9, 0));

    private static T RoundTrip<T>(T value)
    {
        var copy = Serializer.Deserialize<T>(Serializer.SerializeToArray(value));
        Assert.Equivalent(value, Copier.Copy(value), strict: true);
        return copy ?? throw new Xunit.Sdk.XunitException($"{typeof(T).Name} read back as null.");
    }

    public static TheoryData<DossierCommand> Commands() =>
    [
        new Submit("a", At, "D-1", "01", "1.001193", Channel.Online, ApplicantType.Citizen, true, [new("Tờ khai", true, false, true)], false),
        new Receive("a", At),
        new Refuse("a", At, "r"),
        new StartProcessing("a", At, "d"),
        new RequestSupplement("a", At, "r"),
        new CompleteSupplement("a", At, [new("Bản sao", true, true, false)]),
        new RequestPayment("a", At, 10),
        new RecordPayment("a", At, 10, PaymentMethod.OnlineLocalGateway),
        new FinishProcessing("a", At, "KQ", true),
        new ReturnResult("a", At),
        new RequestWithdrawal("a", At, "r"),
        new StopProcessing("a", At, "r"),
        new IssueApology("a", At, "r", At.AddDays(3)),
        new Rate("a", At, false),
        new MarkSynced("a", At),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Commands_keep_their_type_and_fields(DossierCommand command)
    {
        var fingerprint = RequestFingerprint.Of([1, 2, 3]);
        var scope = new CallerScope(["01"], coversAll: false, ["01", "00001"]);
        var copy = RoundTrip(new CommandEnvelope("r-1", 3, command with { Caller = "portal-ha-noi" }, fingerprint, scope));

        Assert.Equal(command.GetType(), copy.Command.GetType());
        Assert.Equivalent(command with { Caller = "portal-ha-noi" }, copy.Command, strict: true);
        Assert.Equal(("r-1", 3L, "portal-ha-noi", fingerprint), (copy.RequestId, copy.ExpectedVersion, copy.Command.Caller, copy.Fingerprint));
        Assert.Equal(["01"], copy.Scope.Granted);
        Assert.Equal(["01", "00001"], copy.Scope.Covered);
        Assert.False(copy.Scope.CoversAll);
        Assert.True(copy.Scope.MayActFor("00001"));
        Assert.False(copy.Scope.MayActFor("79"));
    }

    private static List<DossierEvent> Events() =>
    [
        new DossierSubmitted(1, At, "a", "D-1", "01", "P", Channel.InPerson, ApplicantType.Enterprise, true, [new("x", true, false, false)], true, new(3, 0), At.AddDays(3)),
        new ProcessingStarted(2, At.AddMinutes(1), "a", "d") { Caller = "portal-01" },
        new SupplementRequested(3, At.AddMinutes(2), "a", "r"),
        new SupplementCompleted(4, At.AddMinutes(3), "a", [new("y", true, true, true)], At.AddDays(4), At.AddDays(4)),
        new PaymentRequested(5, At.AddMinutes(4), "a", 100),
        new PaymentRecorded(6, At.AddMinutes(5), "a", 100, PaymentMethod.OnlineNationalPortal),
        new ProcessingFinished(7, At.AddMinutes(6), "a", "KQ", true),
        new ResultReturned(8, At.AddMinutes(7), "a"),
        new DossierRated(9, At.AddMinutes(8), "a", false),
        new DossierSynced(10, At.AddMinutes(9), "a"),
    ];

    [Fact]
    public void Every_event_keeps_its_type_and_fields()
    {
        var copies = Events().Select(RoundTrip).ToList();

        Assert.Equal(Events().Select(e => e.GetType()), copies.Select(e => e.GetType()));
        Assert.Equivalent(Events(), copies, strict: true);
        Assert.Equivalent(DossierState.Fold(Events()), DossierState.Fold(copies), strict: true);
    }

    [Fact]
    public void Domain_values_pass_by_reference_inside_a_silo_and_other_values_are_copied()
    {
        var state = DossierState.Fold(Events())!;
        var changes = new CommittedKpiChanges(Guid.NewGuid(), 1, [new StampedDelta(new CommitStamp(new DatabaseIncarnation(1, 1), 7), KpiDelta.Between(null, DossierKpiFacts.From(state)))]);

        Assert.Same(state, Copier.Copy(state));
        Assert.Same(changes.Changes[0].Delta, Copier.Copy(changes.Changes[0].Delta));
        var mutable = new List<string> { "a" };
        Assert.NotSame(mutable, Copier.Copy(mutable));
    }

    /// <summary>What passes by reference must not change after it was sent: every field of every such type is read-only.</summary>
    [Fact]
    public void The_domain_values_passed_by_reference_are_immutable()
    {
        var values = typeof(DossierState).Assembly.GetTypes().Where(DomainSerialization.IsImmutableDomainValue)
            .Where(type => !type.IsEnum && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
            .ToList();
        var writable = values
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Where(field => !field.IsInitOnly)
                .Select(field => $"{type.Name}.{field.Name}"))
            .ToList();

        Assert.Contains(typeof(UnitKpiReport), values);
        Assert.Contains(typeof(KpiDelta), values);
        Assert.Contains(typeof(LevelledDelta), values);
        Assert.DoesNotContain(typeof(UnitCounterBook), values);
        Assert.Empty(writable);
    }

    [Fact]
    public void Replies_and_documents_keep_state_and_history()
    {
        var state = DossierState.Fold(Events())!;
        var reply = RoundTrip(DossierReply.Applied(state, replayed: true));
        var rejection = new DossierRejection(RejectionReason.BadTime,
            DossierMessages.TooLarge.With("Rate", "D-1", DossierMessages.TooManyEvents.With(500, 500)), ContractFields.At);
        var refused = RoundTrip(DossierReply.Refused(rejection));
        var document = RoundTrip(new DossierDocument(state, DossierHistoryEntry.Of(Events())));

        Assert.Equivalent(state, reply.Dossier, strict: true);
        Assert.True(reply.Replayed);
        Assert.Equal(rejection, refused.Rejection);
        Assert.Equal(rejection.Message.In(Language.Vietnamese), refused.Rejection!.Message.In(Language.Vietnamese));
        Assert.Equal(DossierHistoryEntry.Of(Events()), document.History);
    }

    [Fact]
    public void Kpi_facts_deltas_and_reports_survive()
    {
        var facts = DossierKpiFacts.From(DossierState.Fold(Events())!);
        var delta = KpiDelta.Between(null, facts);
        var period = PeriodRange.Resolve(PeriodKind.Month, new DateOnly(2026, 3, 2));
        var book = new LevelledCounterBook();
        book.Apply(UnitLevel.Commune, delta);
        book.Apply(UnitLevel.Province, delta);
        var (counters, byLevel) = book.Query(period, At.AddDays(1), []);
        var externals = ExternalIndicators.Validate(new Dictionary<string, double> { [ExternalIndicatorNames.PaymentUsed] = 0.5 }).Indicators!;
        var report = UnitKpiReport.Compute(period, counters, [.. byLevel.Select(level => LevelKpiReport.Of(level.Level, level.Counters))],
            externals, Index766Options.Default, At.AddDays(1));

        var stamp = new CommitStamp(new DatabaseIncarnation(3, -8_000_000_000_000_000_001), 99);
        var changes = RoundTrip(new CommittedKpiChanges(Guid.NewGuid(), 4, [new StampedDelta(stamp, delta)]));
        Assert.Equal((stamp, delta), (changes.Changes[0].Stamp, changes.Changes[0].Delta));
        Assert.Equal(book.AsDelta(), RoundTrip(new ChildBatch("01", Guid.NewGuid(), DateTimeOffset.UnixEpoch, 7, IsWholeContribution: false, book.AsDelta())).Delta);
        var ranked = RoundTrip(new RankedUnitKpis(1, "01", report)).Kpis;
        Assert.Equal(report.Counters, ranked.Counters);
        Assert.Equal([UnitLevel.Province, UnitLevel.Commune], ranked.ByLevel.Select(level => level.Level));
        Assert.Equal(report.ByLevel, ranked.ByLevel);
        Assert.Equal(report.Period, ranked.Period);
        Assert.Equal(report.Score.Groups, ranked.Score.Groups);
        Assert.Equal(report.Score.TotalScore, ranked.Score.TotalScore);
        Assert.Equal(new KpiQuery(PeriodKind.Year, new DateOnly(2026, 1, 1), At), RoundTrip(new KpiQuery(PeriodKind.Year, new DateOnly(2026, 1, 1), At)));
    }
}
