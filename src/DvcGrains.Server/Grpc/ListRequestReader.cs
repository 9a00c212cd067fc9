using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Grpc.Mapping;
using Google.Protobuf;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Checks the shape of a <c>ListDossiersRequest</c> and reads it as a query: the unit, each filter, the order, the page
/// size (1-1000, 0 for 100) and the page token, which must come from a page of the same list, given to the same caller.
/// </summary>
public sealed class ListRequestReader(UnitHierarchy units, KpiUnits kpiUnits, IProcedureDirectory procedures)
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
            DueBefore = Instant(request.DueBefore, "due_before"),
            SubmittedFrom = Instant(request.SubmittedFrom, "submitted_from"),
            SubmittedBefore = Instant(request.SubmittedBefore, "submitted_before"),
            ProcedureCode = Procedure(request.ProcedureCode),
            Channel = request.Channel == V1.Channel.Unspecified ? null : request.Channel.ToDomain(),
            NotSynced = request.NotSynced,
        };
        if (filter.SubmittedFrom >= filter.SubmittedBefore)
        {
            throw DvcErrors.InvalidArgument("submitted_from",
                $"submitted_from ({filter.SubmittedFrom:u}) is not before submitted_before ({filter.SubmittedBefore:u}): no dossier could match; give a range that is not empty.");
        }
        var order = request.Order switch
        {
            V1.DossierOrder.Unspecified or V1.DossierOrder.NewestFirst => DossierOrder.NewestFirst,
            V1.DossierOrder.MostUrgentFirst => DossierOrder.MostUrgentFirst,
            _ => throw DvcErrors.InvalidArgument("order", $"order = {(int)request.Order} is not a known order; use NEWEST_FIRST or MOST_URGENT_FIRST."),
        };
        var pageSize = request.PageSize switch
        {
            0 => DefaultPageSize,
            >= 1 and <= MaxPageSize => request.PageSize,
            _ => throw DvcErrors.InvalidArgument("page_size", $"page_size is {request.PageSize}; use 1 to {MaxPageSize}, or 0 for {DefaultPageSize}."),
        };
        var digest = PageTokens.Digest(Canonical(request, order));
        var (asOf, after) = request.PageToken.Length == 0 ? (tokens.Now, null) : tokens.Open(digest, request.PageToken);
        return (unit, new DossierListQuery(kpiUnits.ScopeOf(unit.Code), filter, order, asOf, after, pageSize), digest);
    }

    private static HashSet<DossierStatus> Statuses(Google.Protobuf.Collections.RepeatedField<V1.DossierStatus> statuses)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] == V1.DossierStatus.Unspecified || !Enum.IsDefined((DossierStatus)(int)statuses[i]))
            {
                throw DvcErrors.InvalidArgument($"statuses[{i}]",
                    $"statuses[{i}] = {(int)statuses[i]} is not a dossier status; use the portal's statuses 1 (SUBMITTED) to 10 (RETURNED), or none for any.");
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
                throw DvcErrors.InvalidArgument($"timeliness[{i}]",
                    $"timeliness[{i}] = {(int)values[i]} is not a timeliness to list by; use WITHIN_DEADLINE, OVERDUE, EARLY, ON_TIME or LATE " +
                    "(dossiers not yet received: statuses SUBMITTED).");
            }
        }
        return [.. values.Select(value => (Timeliness)(int)value)];
    }

    private static DateTimeOffset? Instant(Google.Protobuf.WellKnownTypes.Timestamp? timestamp, string field) =>
        timestamp is null
            ? null
            : ProtoTime.FromProto(timestamp) ?? throw DvcErrors.Rejected(RejectionReason.BadTime, $"{field} is not a valid time stamp.", field);

    private string? Procedure(string code) =>
        code.Length == 0 ? null
        : procedures.Find(code) is not null ? code
        : throw DvcErrors.Rejected(RejectionReason.UnknownProcedure,
            $"procedure_code {QuotedInput.Of(code)} is not in the catalog; use a code that Catalog.ListProcedures returns, or none for any.",
            ContractFields.ProcedureCode);

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
