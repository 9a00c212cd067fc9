using DvcGrains.Abstractions;
using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Codes;
using DvcGrains.Grains.Kpis;
using DvcGrains.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// The grains' states through a running server's grain storage, with the silo's serializer, against its PostgreSQL (the
/// storage's etags and clearing: Persistence.Tests).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class GrainStateRoundTripTests(PostgresBackedServer backend) : IClassFixture<PostgresBackedServer>
{
    private IGrainStorage Storage(string provider) => backend.Server.Services.GetRequiredKeyedService<IGrainStorage>(provider);

    private static GrainId NewGrain(string type) => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_code_catalog_and_unit_states_round_trip()
    {
        var procedures = backend.Server.Services.GetRequiredService<ProcedureDirectory>().Catalog.All.Take(3).ToList();
        var book = new ExternalIndicatorBook { ByPeriod = { ["Month/2026-03-01"] = new() { ["Digitization"] = 0.875, ["Satisfaction"] = 0.9 } } };

        var sequence = await RoundTrip(GrainStorage.Codes, "sequence", new CodeSequence { Last = 4_242 });
        var changes = await RoundTrip(GrainStorage.Catalog, "changes", new ProcedureChanges { Procedures = procedures });
        var indicators = await RoundTrip(GrainStorage.Units, "indicators", book);

        Assert.Equal(4_242, sequence.Last);
        Assert.Equal(3, procedures.Count);
        Assert.Equal(procedures, changes.Procedures);
        Assert.Equal(book.ByPeriod["Month/2026-03-01"], indicators.ByPeriod["Month/2026-03-01"]);
    }

    private async Task<T> RoundTrip<T>(string provider, string stateName, T value)
        where T : class, new()
    {
        var storage = Storage(provider);
        var grain = NewGrain(stateName);
        await storage.WriteStateAsync(stateName, grain, new GrainState<T>(value));
        var read = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain, read);
        Assert.Equal("1", read.ETag);
        return read.State!;
    }
}
