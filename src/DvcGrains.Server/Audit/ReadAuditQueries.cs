using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Audit;

/// <summary>
/// What a list or a read of the feed asked, as the record of reads keeps it (<see cref="DvcGrains.Abstractions.Audit.ReadRecord.Query"/>):
/// the fields set, as <c>name=value</c> (the field's name in the contract, its value as C# writes it). Written out here,
/// not by protobuf's JSON formatter, whose copy and reflection cost a list a fifth of its throughput (docs/benchmarks.md).
/// </summary>
public static class ReadAuditQueries
{
    /// <summary>The list's unit and filters, its page token left out (opaque, and as long as the rest): a next page says so.</summary>
    public static string Of(V1.ListDossiersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder("unit_code=").Append(request.UnitCode);
        if (request.Statuses.Count > 0)
        {
            text.Append(" statuses=").AppendJoin(',', request.Statuses);
        }
        if (request.Timeliness.Count > 0)
        {
            text.Append(" timeliness=").AppendJoin(',', request.Timeliness);
        }
        AppendTime(text, "due_before", request.DueBefore);
        AppendTime(text, "submitted_from", request.SubmittedFrom);
        AppendTime(text, "submitted_before", request.SubmittedBefore);
        if (request.ProcedureCode.Length > 0)
        {
            text.Append(" procedure_code=").Append(request.ProcedureCode);
        }
        if (request.Channel != V1.Channel.Unspecified)
        {
            text.Append(" channel=").Append(request.Channel);
        }
        if (request.NotSynced)
        {
            text.Append(" not_synced=true");
        }
        if (request.Order != V1.DossierOrder.Unspecified)
        {
            text.Append(" order=").Append(request.Order);
        }
        if (request.PageSize != 0)
        {
            text.Append(" page_size=").Append(request.PageSize.ToString(CultureInfo.InvariantCulture));
        }
        return request.PageToken.Length > 0 ? text.Append(" (a next page)").ToString() : text.ToString();
    }

    /// <summary>The feed's unit and the positions it sent from and through.</summary>
    public static string OfFeed(string unitCode, string after, string? through) =>
        $"unit_code={unitCode} after={(after.Length == 0 ? "the start" : after)} through={through ?? "nothing sent"}";

    private static void AppendTime(StringBuilder text, string name, Timestamp? time)
    {
        if (time is not null)
        {
            text.Append(' ').Append(name).Append('=').Append(time.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
