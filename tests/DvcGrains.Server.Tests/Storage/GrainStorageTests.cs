using DvcGrains.Abstractions;
using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Codes;
using DvcGrains.Grains.Kpis;
using DvcGrains.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>The configured ADO.NET grain storage of a running server, against its PostgreSQL and the project's queries.</summary>
[Trait("Category", "Postgres")]
public sealed class GrainStorageTests(PostgresBackedServer backend) : IClassFixture<PostgresBackedServer>
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

    [Fact]
    public async Task Of_two_writers_with_the_same_etag_one_wins_and_the_other_is_refused()
    {
        var storage = Storage(GrainStorage.Codes);
        var grain = NewGrain("codeallocator");
        await storage.WriteStateAsync("sequence", grain, new GrainState<CodeSequence>(new CodeSequence { Last = 1 }));
        var first = new GrainState<CodeSequence>(new CodeSequence { Last = 10 }, "1");
        var second = new GrainState<CodeSequence>(new CodeSequence { Last = 20 }, "1");

        var outcomes = await Task.WhenAll(Outcome(storage.WriteStateAsync("sequence", grain, first)), Outcome(storage.WriteStateAsync("sequence", grain, second)));
        var read = new GrainState<CodeSequence>();
        await storage.ReadStateAsync("sequence", grain, read);

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is InconsistentStateException);
        var winner = outcomes[0] is null ? first : second;
        Assert.Equal("2", winner.ETag);
        Assert.Equal(("2", winner.State!.Last), (read.ETag, read.State!.Last));
    }

    [Fact]
    public async Task Of_two_first_writers_without_an_etag_one_wins_and_the_other_is_refused()
    {
        var storage = Storage(GrainStorage.Codes);
        var grain = NewGrain("codeallocator");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 2).Select(n =>
            Outcome(storage.WriteStateAsync("sequence", grain, new GrainState<CodeSequence>(new CodeSequence { Last = n })))));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is InconsistentStateException);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_the_stored_state_stays()
    {
        var storage = Storage(GrainStorage.Codes);
        var grain = NewGrain("codeallocator");
        var current = new GrainState<CodeSequence>(new CodeSequence { Last = 1 });
        await storage.WriteStateAsync("sequence", grain, current);
        await storage.WriteStateAsync("sequence", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("sequence", grain, new GrainState<CodeSequence>(new CodeSequence { Last = 99 }, "1")));
        var read = new GrainState<CodeSequence>();
        await storage.ReadStateAsync("sequence", grain, read);

        Assert.Equal(("2", 1L), (read.ETag, read.State!.Last));
    }

    [Fact]
    public async Task Read_after_write_sees_the_write_and_clear_deletes_the_state()
    {
        var storage = Storage(GrainStorage.Codes);
        var grain = NewGrain("codeallocator");
        var state = new GrainState<CodeSequence>(new CodeSequence { Last = 7 });

        var nothing = new GrainState<CodeSequence>();
        await storage.ReadStateAsync("sequence", grain, nothing);
        await storage.WriteStateAsync("sequence", grain, state);
        state.State!.Last = 8;
        await storage.WriteStateAsync("sequence", grain, state);
        var afterWrites = new GrainState<CodeSequence>();
        await storage.ReadStateAsync("sequence", grain, afterWrites);
        await storage.ClearStateAsync("sequence", grain, state);
        var afterClear = new GrainState<CodeSequence>();
        await storage.ReadStateAsync("sequence", grain, afterClear);
        await storage.WriteStateAsync("sequence", grain, state);

        Assert.Equal((null, false, 0L), (nothing.ETag, nothing.RecordExists, nothing.State!.Last));
        Assert.Equal(("2", true, 8L), (afterWrites.ETag, afterWrites.RecordExists, afterWrites.State!.Last));
        Assert.Equal((null, false, 0L), (afterClear.ETag, afterClear.RecordExists, afterClear.State!.Last));
        // Cleared means deleted: the next write starts a new record at version 1.
        Assert.Equal("1", state.ETag);
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

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (InconsistentStateException e)
        {
            return e;
        }
    }
}
