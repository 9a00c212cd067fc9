using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Codes;
using DvcGrains.Api.V1;
using DvcGrains.Grains.Codes;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

[Collection(SharedServer.Name)]
public sealed class CodeAllocationTests(RunningServer server)
{
    [Fact]
    public async Task Codes_follow_the_unit_day_sequence_layout_and_never_repeat()
    {
        var first = await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-03" });
        var parallel = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
            (await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-03" })).DossierId));
        var otherDay = await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-04" });

        Assert.Equal("92-260203-0000001", first.DossierId);
        Assert.Equal(Enumerable.Range(2, 200).Select(n => $"92-260203-{n:D7}"), parallel.Order(StringComparer.Ordinal));
        Assert.Equal("92-260204-0000001", otherDay.DossierId);
    }

    [Fact]
    public async Task Once_a_units_codes_of_a_day_are_all_handed_out_the_next_is_refused_as_exhausted_and_another_day_goes_on()
    {
        var day = new DateOnly(2026, 2, 9);
        var allocator = server.Services.GetRequiredService<IGrainFactory>().GetGrain<ICodeAllocatorGrain>(ICodeAllocatorGrain.KeyOf("92", day));
        await server.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Codes)
            .WriteStateAsync("sequence", allocator.GetGrainId(), new GrainState<CodeSequence>(new CodeSequence { Last = 9_999_998 }));

        var last = await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-09" });
        var exhausted = await Fails(() => server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-09" }).ResponseAsync);
        var nextDay = await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "92", Date = "2026-02-10" });

        Assert.Equal("92-260209-9999999", last.DossierId);
        Assert.Equal((StatusCode.ResourceExhausted, "CODES_EXHAUSTED"), (exhausted.StatusCode, exhausted.Reason()));
        Assert.Equal(
            "Unit 92 has used all 9,999,999 dossier codes of 2026-02-09; no more can be handed out for that day: " +
            "allocate with another date, or give the dossier a code of the portal's own.",
            exhausted.Status.Detail);
        Assert.Equal("92-260210-0000001", nextDay.DossierId);
    }

    [Fact]
    public async Task An_allocated_code_is_a_valid_dossier_id()
    {
        var code = (await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;

        var reply = await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(code), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });

        Assert.Equal(code, reply.Dossier.DossierId);
        Assert.StartsWith("01-", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_units_malformed_dates_and_days_that_have_not_begun_are_refused()
    {
        var afterTomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var unit = await Fails(() => server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "VN" }).ResponseAsync);
        var date = await Fails(() => server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "03/02/2026" }).ResponseAsync);
        var future = await Fails(() => server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = afterTomorrow }).ResponseAsync);

        Assert.Equal(("UNKNOWN_UNIT", StatusCode.InvalidArgument), (unit.Reason(), unit.StatusCode));
        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (date.Reason(), date.StatusCode));
        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (future.Reason(), future.StatusCode));
        Assert.StartsWith($"date {afterTomorrow} has not begun in Vietnam", future.Status.Detail, StringComparison.Ordinal);
    }
}
