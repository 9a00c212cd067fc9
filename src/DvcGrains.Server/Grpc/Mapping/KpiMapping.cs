using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Units;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class KpiMapping
{
    public static V1.UnitKpis ToProto(this UnitKpiReport report, AdministrativeUnit unit)
    {
        var kpis = new V1.UnitKpis
        {
            Unit = unit.ToProto(),
            Period = new V1.Period { Kind = (V1.PeriodKind)(int)report.Period.Kind, Date = ProtoDate.Format(report.Period.FirstDay) },
            PeriodStart = ProtoTime.ToProto(report.Period.Start),
            PeriodEnd = ProtoTime.ToProto(report.Period.End),
            Counters = report.Counters.ToProto(),
            OnlineRate = report.Rates.Online,
            OnlinePaymentRate = report.Rates.OnlinePayment,
            OnTimeRate = report.Rates.OnTime,
            DigitizationRate = report.Rates.Digitization,
            SyncRate = report.Rates.Sync,
            TotalScore = report.Score.TotalScore,
            Grade = report.Score.Grade.ContractName(),
            AsOf = ProtoTime.ToProto(report.AsOf),
        };
        kpis.Scores.AddRange(report.Score.ToProto());
        // A report from a silo of the build before decision 29 (a rolling upgrade) has no levels: it is shown without them.
        kpis.ByLevel.AddRange((report.ByLevel ?? []).Select(ToProto));
        return kpis;
    }

    /// <summary>The six groups, in the order of the 766 index.</summary>
    public static IEnumerable<V1.Score> ToProto(this Index766Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Groups.Select(group => new V1.Score
        {
            Group = group.Group.ContractName(),
            Points = group.Points,
            MaxPoints = group.MaxPoints,
            MeasuredMax = group.MeasuredMax,
        });
    }

    public static V1.LevelKpis ToProto(this LevelKpiReport level) => new()
    {
        Level = level.Level.ToProto(),
        Counters = level.Counters.ToProto(),
        OnlineRate = level.Rates.Online,
        OnlinePaymentRate = level.Rates.OnlinePayment,
        OnTimeRate = level.Rates.OnTime,
        DigitizationRate = level.Rates.Digitization,
    };

    public static V1.Counters ToProto(this KpiCounters counters) => new()
    {
        Received = counters.Received,
        ReceivedOnline = counters.ReceivedOnline,
        ReceivedInPerson = counters.ReceivedInPerson,
        ReceivedPostal = counters.ReceivedPostal,
        Refused = counters.Refused,
        Finished = counters.Finished,
        FinishedEarly = counters.FinishedEarly,
        FinishedOnTime = counters.FinishedOnTime,
        FinishedLate = counters.FinishedLate,
        InProgressWithinDeadline = counters.InProgressWithinDeadline,
        Overdue = counters.Overdue,
        Returned = counters.Returned,
        Stopped = counters.Stopped,
        SupplementRequests = counters.SupplementRequests,
        FeeDossiers = counters.FeeDossiers,
        PaidOnline = counters.PaidOnline,
        Digitized = counters.Digitized,
        ReusedData = counters.ReusedData,
        FromCitizenStore = counters.FromCitizenStore,
        VneidAuthenticated = counters.VneidAuthenticated,
        ResultsIssued = counters.ResultsIssued,
        ElectronicResults = counters.ElectronicResults,
        Synced = counters.Synced,
        Rated = counters.Rated,
        RatedUnsatisfied = counters.RatedUnsatisfied,
    };
}
