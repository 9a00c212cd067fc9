using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class CatalogMapping
{
    public static V1.Unit ToProto(this AdministrativeUnit unit) => new()
    {
        Code = unit.Code,
        Name = unit.Name,
        Level = unit.Level.ToProto(),
        ParentCode = unit.ParentCode ?? "",
    };

    public static V1.Procedure ToProto(this Procedure procedure) => new()
    {
        Code = procedure.Code,
        Name = procedure.Name,
        ProcessingWorkingDays = procedure.ProcessingWorkingDays,
        ProcessingHours = procedure.ProcessingHours,
        FullProcessOnline = procedure.FullProcessOnline,
        FeeVnd = procedure.FeeVnd,
        PaperResult = procedure.PaperResult,
    };

    public static Procedure ToDomain(this V1.Procedure procedure) => new(
        procedure.Code,
        procedure.Name,
        procedure.ProcessingWorkingDays,
        procedure.ProcessingHours,
        procedure.FullProcessOnline,
        procedure.FeeVnd,
        procedure.PaperResult);
}
