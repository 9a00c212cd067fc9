using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>dvc.v1.Kpis: counters and the 766 index per unit, rankings, a live watch, external indicators.</summary>
public sealed class KpisService(
    IGrainFactory grains, UnitHierarchy units, UnitKpiWatches watches, IOptions<StreamLimitOptions> streams, TimeProvider clock) : V1.Kpis.KpisBase
{
    private const string RatesField = "rates";

    public override async Task<V1.UnitKpis> GetUnitKpis(V1.GetUnitKpisRequest request, ServerCallContext context)
    {
        var unit = units.RequireCounted(request.UnitCode, "unit_code");
        context.Caller().RequireKpis(unit.Code, context.Method);
        var report = await grains.GetGrain<IUnitKpiGrain>(unit.Code).GetKpis(Query(request.Period));
        return report.ToProto(unit);
    }

    public override async Task<V1.Ranking> GetRanking(V1.GetRankingRequest request, ServerCallContext context)
    {
        var level = request.Level == V1.UnitLevel.Unspecified ? UnitLevel.Province : request.Level.ToDomain();
        var parent = units.Require(string.IsNullOrEmpty(request.ParentCode) ? AdministrativeUnit.NationCode : request.ParentCode, "parent_code");
        context.Caller().RequireKpis(parent.Code, context.Method);
        if (request.Limit < 0)
        {
            throw DvcErrors.InvalidArgument("limit", EdgeMessages.NegativeLimit.With(request.Limit));
        }
        if (level <= parent.Level || !units.HasLevel(level))
        {
            throw DvcErrors.InvalidArgument("level", EdgeMessages.NoSuchLevel.With(units.Edition, level, parent.Code, parent.Level));
        }
        var query = Query(request.Period);
        var ranked = await grains.GetGrain<IRankingGrain>(0).Rank(parent.Code, level, query);

        // A ranking is shared by the readers of about a second: it says when its units were read.
        var ranking = new V1.Ranking { AsOf = ProtoTime.ToProto(ranked.Count > 0 ? ranked[0].Kpis.AsOf : query.AsOf) };
        ranking.Entries.AddRange((request.Limit > 0 ? ranked.Take(request.Limit) : ranked).Select(entry =>
        {
            var row = new V1.RankingEntry
            {
                Rank = entry.Rank,
                Unit = units.Find(entry.UnitCode)!.ToProto(),
                TotalScore = entry.Kpis.Score.TotalScore,
                Grade = entry.Kpis.Score.Grade.ContractName(),
                OnlineRate = entry.Kpis.Rates.Online,
                OnTimeRate = entry.Kpis.Rates.OnTime,
                Received = entry.Kpis.Counters.Received,
            };
            if (request.IncludeScores)
            {
                row.Scores.AddRange(entry.Kpis.Score.ToProto());
            }
            return row;
        }));
        return ranking;
    }

    public override async Task WatchUnitKpis(V1.GetUnitKpisRequest request, IServerStreamWriter<V1.UnitKpis> responseStream, ServerCallContext context)
    {
        var unit = units.RequireCounted(request.UnitCode, "unit_code");
        context.Caller().RequireKpis(unit.Code, context.Method);
        // A bad period is refused before the stream starts; each tick then reads the period again, as "today" moves.
        Query(request.Period);
        var grain = grains.GetGrain<IUnitKpiGrain>(unit.Code);
        var key = new UnitKpiWatches.WatchKey(unit.Code, request.Period?.Kind ?? V1.PeriodKind.Unspecified, request.Period?.Date ?? "");
        using var lifetime = StreamLifetime.Of(context, clock);
        try
        {
            await foreach (var kpis in watches.Follow(key, async () => (await grain.GetKpis(Query(request.Period))).ToProto(unit), lifetime.Token))
            {
                if (!await StalledWrites.Write(responseStream, kpis, context, streams.Value.StalledWriteTimeout, clock, lifetime.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left: the watch ends without an error.
        }
        catch (OperationCanceledException) when (lifetime.TokenExpired)
        {
            throw lifetime.Expired(EdgeMessages.WatchAgain.Alone());
        }
    }

    public override async Task<V1.UnitKpis> SetExternalIndicators(V1.SetExternalIndicatorsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.IndicatorsWrite, context.Method);
        var unit = units.Require(request.UnitCode, "unit_code");
        caller.RequireUnit(unit.Code, SecurityMessages.IndicatorsToSet.Alone());
        var query = Query(request.Period);
        if (request.Rates.Count > ExternalIndicatorNames.All.Count)
        {
            throw DvcErrors.InvalidArgument(RatesField,
                EdgeMessages.TooManyRates.With(request.Rates.Count, ExternalIndicatorNames.All.Count, string.Join(", ", ExternalIndicatorNames.All)));
        }
        var validation = ExternalIndicators.Validate(request.Rates);
        if (!validation.IsValid)
        {
            throw DvcErrors.InvalidArgument(RatesField, validation.Message!);
        }
        var report = await grains.GetGrain<IUnitKpiGrain>(unit.Code).SetExternalIndicators(query, request.Rates);
        return report.ToProto(unit);
    }

    private KpiQuery Query(V1.Period? period)
    {
        var now = clock.GetUtcNow();
        var kind = period?.Kind ?? V1.PeriodKind.Unspecified;
        if (!Enum.IsDefined(kind))
        {
            throw DvcErrors.InvalidArgument("period.kind", EdgeMessages.UnknownPeriod.With((int)kind));
        }
        var domainKind = kind == V1.PeriodKind.Unspecified ? PeriodKind.Month : (PeriodKind)(int)kind;
        var date = ProtoDate.ParseOrToday(period?.Date ?? "", "period.date", VietnamTime.DateOf(now));
        return new KpiQuery(domainKind, date, now);
    }
}
