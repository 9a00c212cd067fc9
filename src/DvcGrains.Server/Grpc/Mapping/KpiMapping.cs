using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using Api = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class KpiMapping
{
    public static Api.UnitKpis ToProto(this UnitKpiReport report, AdministrativeUnit unit)
    {
        var kpis = new Api.UnitKpis
        {
            Unit = unit.ToProto(),
            Period = new Api.Period { Kind = (Api.PeriodKind)(int)report.Period.Kind, Date = ProtoDate.Format(report.Period.FirstDay) },
            PeriodStart = ProtoTime.ToProto(report.Period.Start),
            PeriodEnd = ProtoTime.ToProto(report.Period.End),
            Counters = report.Counters.ToProto(),
            OnlineRate = report.Rates.OnlineRate,
            OnlinePaymentRate = report.Rates.OnlinePaymentRate,
            OnTimeRate = report.Rates.OnTimeRate,
            DigitizationRate = report.Rates.DigitizationRate,
            SyncRate = report.Rates.SyncRate,
            TotalScore = report.TotalScore,
            Grade = report.Grade,
            AsOf = ProtoTime.ToProto(report.AsOf),
        };
        kpis.Scores.AddRange(report.Scores.Select(score => new Api.Score
        {
            Group = score.Group,
            Points = score.Points,
            MaxPoints = score.MaxPoints,
            MeasuredMax = score.MeasuredMax,
        }));
        return kpis;
    }

    public static Api.Counters ToProto(this KpiCounters counters) => new()
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
