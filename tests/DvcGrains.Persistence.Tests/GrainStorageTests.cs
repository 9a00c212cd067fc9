using DvcGrains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DvcGrains.Persistence.Tests;

/// <summary>
/// Grain state through the ADO.NET grain storage as <see cref="PostgresStorage.UsePostgres"/> configures it, against
/// PostgreSQL and the project's queries: etags, concurrent writers, clearing. (The grains' own states round trip in
/// Server.Tests, with the silo's serializer.)
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class GrainStorageTests(PostgresBackedSilo backend) : IClassFixture<PostgresBackedSilo>
{
    private const string StateName = "sequence";

    private IGrainStorage Storage() => backend.Silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Codes);

    private static GrainId NewGrain() => GrainId.Create("testsequence", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Of_two_writers_with_the_same_etag_one_wins_and_the_other_is_refused()
    {
        var storage = Storage();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<Sequence>(new Sequence { Last = 1 }));
        var first = new GrainState<Sequence>(new Sequence { Last = 10 }, "1");
        var second = new GrainState<Sequence>(new Sequence { Last = 20 }, "1");

        var outcomes = await Task.WhenAll(Outcome(storage.WriteStateAsync(StateName, grain, first)), Outcome(storage.WriteStateAsync(StateName, grain, second)));
        var read = new GrainState<Sequence>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is InconsistentStateException);
        var winner = outcomes[0] is null ? first : second;
        Assert.Equal("2", winner.ETag);
        Assert.Equal(("2", winner.State!.Last), (read.ETag, read.State!.Last));
    }

    [Fact]
    public async Task Of_two_first_writers_without_an_etag_one_wins_and_the_other_is_refused()
    {
        var storage = Storage();
        var grain = NewGrain();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 2).Select(n =>
            Outcome(storage.WriteStateAsync(StateName, grain, new GrainState<Sequence>(new Sequence { Last = n })))));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is InconsistentStateException);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_the_stored_state_stays()
    {
        var storage = Storage();
        var grain = NewGrain();
        var current = new GrainState<Sequence>(new Sequence { Last = 1 });
        await storage.WriteStateAsync(StateName, grain, current);
        await storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, grain, new GrainState<Sequence>(new Sequence { Last = 99 }, "1")));
        var read = new GrainState<Sequence>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.Equal(("2", 1L), (read.ETag, read.State!.Last));
    }

    [Fact]
    public async Task Read_after_write_sees_the_write_and_clear_deletes_the_state()
    {
        var storage = Storage();
        var grain = NewGrain();
        var state = new GrainState<Sequence>(new Sequence { Last = 7 });

        var nothing = new GrainState<Sequence>();
        await storage.ReadStateAsync(StateName, grain, nothing);
        await storage.WriteStateAsync(StateName, grain, state);
        state.State!.Last = 8;
        await storage.WriteStateAsync(StateName, grain, state);
        var afterWrites = new GrainState<Sequence>();
        await storage.ReadStateAsync(StateName, grain, afterWrites);
        await storage.ClearStateAsync(StateName, grain, state);
        var afterClear = new GrainState<Sequence>();
        await storage.ReadStateAsync(StateName, grain, afterClear);
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.Equal((null, false, 0L), (nothing.ETag, nothing.RecordExists, nothing.State!.Last));
        Assert.Equal(("2", true, 8L), (afterWrites.ETag, afterWrites.RecordExists, afterWrites.State!.Last));
        Assert.Equal((null, false, 0L), (afterClear.ETag, afterClear.RecordExists, afterClear.State!.Last));
        // Cleared means deleted: the next write starts a new record at version 1.
        Assert.Equal("1", state.ETag);
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

    /// <summary>A state as simple as a code allocator's; a stored type is one Orleans knows.</summary>
    [GenerateSerializer]
    public sealed class Sequence
    {
        [Id(0)]
        public long Last { get; set; }
    }
}
