using Google.Protobuf;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Audit;

/// <summary>What a list or a read of the feed asked, as the record of reads keeps it (<see cref="DvcGrains.Abstractions.Audit.ReadRecord.Query"/>).</summary>
public static class ReadAuditQueries
{
    /// <summary>The list's fields as JSON, its page token left out (opaque, and as long as the rest): a next page says so.</summary>
    public static string Of(V1.ListDossiersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shown = request.Clone();
        var nextPage = shown.PageToken.Length > 0;
        shown.PageToken = "";
        return JsonFormatter.Default.Format(shown) + (nextPage ? " (a next page)" : "");
    }

    /// <summary>The feed's unit and the positions it sent from and through.</summary>
    public static string OfFeed(string unitCode, string after, string? through) =>
        $"unit_code={unitCode} after={(after.Length == 0 ? "the start" : after)} through={through ?? "nothing sent"}";
}
