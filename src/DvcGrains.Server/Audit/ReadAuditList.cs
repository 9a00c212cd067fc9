using System.Globalization;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Audit;

/// <summary><c>Dossiers.ListReads</c>: the record of reads an auditor asks for, of one dossier or by one reader, in a time range.</summary>
public sealed class ReadAuditList(IReadAuditLog log, TimeProvider clock)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;
    private const int MaxSubjectLength = 256;

    public async Task<V1.ListReadsReply> List(V1.ListReadsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.Auditor, context.Method);
        if (request.DossierId.Length > 0 && DossierCode.Problem(request.DossierId) is { } problem)
        {
            throw DvcErrors.InvalidArgument("dossier_id", EdgeMessages.FieldProblem.With("dossier_id", problem));
        }
        var subject = RequestText.SingleLine(request.Subject, "subject", MaxSubjectLength);
        var before = ProtoTime.Read(request.Before, "before") ?? clock.GetUtcNow();
        var from = ProtoTime.Read(request.From, "from") ?? before.AddDays(-1);
        if (from >= before)
        {
            throw DvcErrors.InvalidArgument("from", EdgeMessages.ReadsEmptyRange.With(
                from.ToString("u", CultureInfo.InvariantCulture), before.ToString("u", CultureInfo.InvariantCulture)));
        }
        var limit = request.Limit switch
        {
            0 => DefaultLimit,
            >= 1 and <= MaxLimit => request.Limit,
            _ => throw DvcErrors.InvalidArgument("limit", EdgeMessages.ReadsLimitOutOfRange.With(request.Limit, MaxLimit, DefaultLimit)),
        };
        var reads = await log.Find(new ReadAuditQuery(NullIfEmpty(request.DossierId), NullIfEmpty(subject), from, before, limit), context.CancellationToken);
        var reply = new V1.ListReadsReply();
        reply.Reads.AddRange(reads.Select(read => new V1.ReadEntry
        {
            At = ProtoTime.ToProto(read.At),
            Subject = read.Subject,
            Roles = { read.Roles },
            Client = read.Client,
            Method = read.Method,
            DossierId = read.DossierId ?? "",
            Query = read.Query ?? "",
            Returned = read.Returned,
        }));
        return reply;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
