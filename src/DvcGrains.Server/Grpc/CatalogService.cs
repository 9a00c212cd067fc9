using DvcGrains.Abstractions.Catalog;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>dvc.v1.Catalog: the administrative units of the configured hierarchy and the procedure catalog.</summary>
public sealed class CatalogService(UnitHierarchy units, IProcedureDirectory procedures, IGrainFactory grains) : V1.Catalog.CatalogBase
{
    public override Task<V1.ListUnitsReply> ListUnits(V1.ListUnitsRequest request, ServerCallContext context)
    {
        var parent = string.IsNullOrEmpty(request.ParentCode) ? AdministrativeUnit.NationCode : request.ParentCode;
        units.Require(parent, "parent_code");
        var reply = new V1.ListUnitsReply();
        reply.Units.AddRange(units.ChildrenOf(parent).Select(u => u.ToProto()));
        return Task.FromResult(reply);
    }

    public override Task<V1.Unit> GetUnit(V1.GetUnitRequest request, ServerCallContext context) =>
        Task.FromResult(units.Require(request.Code, "code").ToProto());

    public override async Task<V1.ListProceduresReply> ListProcedures(V1.ListProceduresRequest request, ServerCallContext context)
    {
        await procedures.Ready.WaitAsync(context.CancellationToken);
        var reply = new V1.ListProceduresReply();
        reply.Procedures.AddRange(procedures.Catalog.All.Select(p => p.ToProto()));
        return reply;
    }

    public override async Task<V1.Procedure> UpsertProcedure(V1.Procedure request, ServerCallContext context)
    {
        context.Caller().Require(DvcRole.CatalogWrite, context.Method);
        RequestText.SingleLine(request.Name, "name", ProcedureValidation.MaxNameLength);
        var procedure = request.ToDomain();
        if (ProcedureValidation.FirstFieldProblem(procedure) is { } problem)
        {
            throw DvcErrors.InvalidArgument(problem.Field, problem.Message);
        }
        // Answered once every silo has the procedure: a Submit for it right after is accepted wherever it lands.
        await grains.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key).Upsert(procedure);
        return procedure.ToProto();
    }
}
