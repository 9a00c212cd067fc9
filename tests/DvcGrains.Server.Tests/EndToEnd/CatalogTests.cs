using DvcGrains.Api.V1;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

[Collection(SharedServer.Name)]
public sealed class CatalogTests(RunningServer server)
{
    [Fact]
    public async Task Units_of_the_2025_hierarchy_are_listed_by_parent()
    {
        var provinces = await server.Catalog.ListUnitsAsync(new ListUnitsRequest());
        var caMau = await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" });
        var nation = await server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "VN" });
        var hanoi = await server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "01" });

        Assert.Equal(34, provinces.Units.Count);
        Assert.All(provinces.Units, u => Assert.Equal((UnitLevel.Province, "VN"), (u.Level, u.ParentCode)));
        Assert.NotEmpty(caMau.Units);
        Assert.All(caMau.Units, u => Assert.Equal((UnitLevel.Commune, "96"), (u.Level, u.ParentCode)));
        Assert.Equal((UnitLevel.Nation, ""), (nation.Level, nation.ParentCode));
        Assert.Equal("Thành phố Hà Nội", hanoi.Name);
        var e = await Fails(() => server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "36" }).ResponseAsync);
        Assert.Equal(("UNKNOWN_UNIT", StatusCode.InvalidArgument), (e.Reason(), e.StatusCode));
    }

    [Fact]
    public async Task The_shipped_catalog_has_at_least_25_procedures_with_valid_processing_times()
    {
        var procedures = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures;

        Assert.True(procedures.Count >= 25, $"only {procedures.Count} procedures");
        Assert.All(procedures, p => Assert.True(p.ProcessingWorkingDays > 0 || p.ProcessingHours > 0, p.Code));
        Assert.Contains(procedures, p => p.ProcessingWorkingDays == 0 && p.ProcessingHours > 0);
        Assert.Equal(procedures.Select(p => p.Code).Order(StringComparer.Ordinal), procedures.Select(p => p.Code));
    }

    [Fact]
    public async Task An_upserted_procedure_gives_new_dossiers_its_deadline_and_received_ones_keep_theirs()
    {
        var calendar = server.Services.GetRequiredService<WorkingCalendar>();
        var code = $"TEST.{Guid.NewGuid():N}"[..20];
        // To the microsecond, as the server keeps every time.
        var t0 = Microseconds.Truncate(DateTimeOffset.UtcNow.AddHours(-3));
        await server.Catalog.UpsertProcedureAsync(new Procedure { Code = code, Name = "Thủ tục thử", ProcessingWorkingDays = 2 });
        var early = NewDossierId();
        var first = (await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(early, t0), UnitCode = "01", ProcedureCode = code, Channel = Channel.InPerson })).Dossier;

        var changed = await server.Catalog.UpsertProcedureAsync(new Procedure { Code = code, Name = "Thủ tục thử", ProcessingHours = 4 });
        var late = NewDossierId();
        var second = (await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(late, t0), UnitCode = "01", ProcedureCode = code, Channel = Channel.InPerson })).Dossier;

        Assert.Equal(4, changed.ProcessingHours);
        Assert.Contains((await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures, p => p.Code == code && p.ProcessingHours == 4);
        Assert.Equal(calendar.Deadline(t0, new(2, 0)), first.AppointmentAt.ToDateTimeOffset());
        Assert.Equal(calendar.Deadline(t0, new(0, 4)), second.AppointmentAt.ToDateTimeOffset());
        Assert.Equal(first.AppointmentAt, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = early })).AppointmentAt);
    }

    [Theory]
    [InlineData("", "Tên", 1, 0, 0)]
    [InlineData("OK.1", "", 1, 0, 0)]
    [InlineData("OK.2", "Tên", 0, 0, 0)]
    [InlineData("OK.3", "Tên", -1, 5, 0)]
    [InlineData("OK.4", "Tên", 1, 0, -100)]
    public async Task An_invalid_procedure_is_refused_and_not_stored(string code, string name, int days, int hours, long fee)
    {
        var e = await Fails(() => server.Catalog.UpsertProcedureAsync(new Procedure { Code = code, Name = name, ProcessingWorkingDays = days, ProcessingHours = hours, FeeVnd = fee }).ResponseAsync);

        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (e.Reason(), e.StatusCode));
        Assert.DoesNotContain((await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures, p => p.Code == code);
    }
}
