using System.Globalization;
using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Checks the shape of a <c>ListDossiersRequest</c> and reads it as a query: the unit, each filter, the order, the page
/// size (1-1000, 0 for 100; a page also ends at <c>Dvc:Lists:PageBytes</c>) and the page token, which must come from a page of the same list, given to the same caller.
/// </summary>
public sealed class ListRequestReader(UnitHierarchy units, KpiUnits kpiUnits, IProcedureDirectory procedures, IOptions<ListLimitOptions> limits)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;

    /// <summary>The list's unit, already checked against the hierarchy, and the query of the page asked for.</summary>
    public (AdministrativeUnit Unit, DossierListQuery Query, byte[] FilterDigest) Read(V1.ListDossiersRequest request, PageTokens tokens)
    {
        var unit = units.RequireCounted(request.UnitCode, "unit_code");
        var filter = new DossierFilter
        {
            Statuses = Statuses(request.Statuses),
            Timeliness = Timeliness(request.Timeliness),
            DueBefore = ProtoTime.Read(request.DueBefore, "due_before"),
            SubmittedFrom = ProtoTime.Read(request.SubmittedFrom, "submitted_from"),
            SubmittedBefore = ProtoTime.Read(request.SubmittedBefore, "submitted_before"),
            ProcedureCode = Procedure(request.ProcedureCode),
            Channel = request.Channel == V1.Channel.Unspecified ? null : request.Channel.ToDomain(),
            NotSynced = request.NotSynced,
        };
        if (filter.SubmittedFrom >= filter.SubmittedBefore)
        {
            throw DvcErrors.InvalidArgument("submitted_from", EdgeMessages.EmptyRange.With(
                filter.SubmittedFrom?.ToString("u", CultureInfo.InvariantCulture), filter.SubmittedBefore?.ToString("u", CultureInfo.InvariantCulture)));
        }
        var order = request.Order switch
        {
            V1.DossierOrder.Unspecified or V1.DossierOrder.NewestFirst => DossierOrder.NewestFirst,
            V1.DossierOrder.MostUrgentFirst => DossierOrder.MostUrgentFirst,
            _ => throw DvcErrors.InvalidArgument("order", EdgeMessages.UnknownOrder.With((int)request.Order)),
        };
        var pageSize = request.PageSize switch
        {
            0 => DefaultPageSize,
            >= 1 and <= MaxPageSize => request.PageSize,
            _ => throw DvcErrors.InvalidArgument("page_size", EdgeMessages.PageSizeOutOfRange.With(request.PageSize, MaxPageSize, DefaultPageSize)),
        };
        var digest = PageTokens.Digest(Canonical(request, order));
        var (asOf, after) = request.PageToken.Length == 0 ? (tokens.Now, null) : tokens.Open(digest, request.PageToken);
        return (unit, new DossierListQuery(kpiUnits.ScopeOf(unit.Code), filter, order, asOf, after, pageSize, limits.Value.PageBytes), digest);
    }

    private static HashSet<DossierStatus> Statuses(Google.Protobuf.Collections.RepeatedField<V1.DossierStatus> statuses)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] == V1.DossierStatus.Unspecified || !Enum.IsDefined((DossierStatus)(int)statuses[i]))
            {
                throw DvcErrors.InvalidArgument($"statuses[{i}]", EdgeMessages.NotAStatus.With($"statuses[{i}]", (int)statuses[i]));
            }
        }
        return [.. statuses.Select(status => (DossierStatus)(int)status)];
    }

    private static HashSet<Timeliness> Timeliness(Google.Protobuf.Collections.RepeatedField<V1.Timeliness> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == V1.Timeliness.Unspecified || !Enum.IsDefined((Timeliness)(int)values[i]))
            {
                throw DvcErrors.InvalidArgument($"timeliness[{i}]", EdgeMessages.NotATimeliness.With($"timeliness[{i}]", (int)values[i]));
            }
        }
        return [.. values.Select(value => (Timeliness)(int)value)];
    }

    private string? Procedure(string code) =>
        code.Length == 0 ? null
        : procedures.Find(code) is not null ? code
        : throw DvcErrors.Rejected(RejectionReason.UnknownProcedure, EdgeMessages.ListProcedureNotInCatalog.With(QuotedInput.Of(code)), ContractFields.ProcedureCode);

    /// <summary>The filters as given, in one form whatever the order of repeated values: what a page token is bound to.</summary>
    private static byte[] Canonical(V1.ListDossiersRequest request, DossierOrder order)
    {
        var filters = request.Clone();
        filters.PageSize = 0;
        filters.PageToken = "";
        filters.Order = (V1.DossierOrder)(int)order;
        var statuses = filters.Statuses.Distinct().Order().ToList();
        filters.Statuses.Clear();
        filters.Statuses.AddRange(statuses);
        var timeliness = filters.Timeliness.Distinct().Order().ToList();
        filters.Timeliness.Clear();
        filters.Timeliness.AddRange(timeliness);
        return filters.ToByteArray();
    }
}
