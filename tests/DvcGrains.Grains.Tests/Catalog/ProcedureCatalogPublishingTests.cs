using System.Collections.Concurrent;
using System.Net;
using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Catalog;
using DvcGrains.Domain.Procedures;
using DvcGrains.Grains.Hosting;
using DvcGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Catalog;

/// <summary>Silos are handed only catalog versions that storage holds, each number once.</summary>
public sealed class ProcedureCatalogPublishingTests : IAsyncLifetime
{
    private static readonly HeldCatalogWrites Writes = new();
    private static readonly SiloAddress AnotherSilo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1);

    private readonly TestCluster _cluster = TestClusters.Of<SiloConfigurator>(1);

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_version_whose_write_fails_is_never_handed_out_and_the_next_upsert_reaches_every_silo()
    {
        var catalog = _cluster.GrainFactory.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key);
        var first = NewProcedure("T.FIRST");
        var failed = NewProcedure("T.FAILED");
        var next = NewProcedure("T.NEXT");
        await catalog.Upsert(first);
        var published = (await catalog.Sync(AnotherSilo, 0))!;

        var writing = Writes.HoldNext();
        var upsert = catalog.Upsert(failed);
        await writing.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var duringWrite = await catalog.Sync(AnotherSilo, published.Version);
        writing.Fail();
        await Assert.ThrowsAnyAsync<Exception>(() => upsert);
        var afterFailure = await catalog.Sync(AnotherSilo, published.Version);
        await catalog.Upsert(next);
        var afterNext = await catalog.Sync(AnotherSilo, published.Version);

        Assert.Null(duringWrite);
        Assert.Null(afterFailure);
        Assert.NotNull(afterNext);
        Assert.True(afterNext.Version > published.Version);
        Assert.Contains(next, afterNext.Procedures);
        Assert.DoesNotContain(afterNext.Procedures, procedure => procedure.Code == failed.Code);
    }

    private static Procedure NewProcedure(string code) => DayProcedure with { Code = code, Name = "Thủ tục thử", ProcessingWorkingDays = 3 };

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddEmbeddedStorage();
            TestClusterUnitDirectory.AddTo(siloBuilder);
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Catalog, Writes);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Dvc:Catalog:SyncInterval"] = "00:00:00.050" })
                .Build();
            siloBuilder.Services.AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog, configuration);
        }
    }

    /// <summary>The catalog's storage, in memory, whose next write can be held and then failed.</summary>
    private sealed class HeldCatalogWrites : IGrainStorage
    {
        private readonly ConcurrentDictionary<GrainId, (object State, string ETag)> _states = new();
        private volatile HeldWrite? _held;

        public HeldWrite HoldNext() => _held = new HeldWrite();

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (_states.TryGetValue(grainId, out var stored))
            {
                grainState.State = (T)stored.State;
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }
            return Task.CompletedTask;
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Interlocked.Exchange(ref _held, null) is { } held)
            {
                await held.Wait();
            }
            var etag = Guid.NewGuid().ToString("N");
            _states[grainId] = (grainState.State!, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _states.TryRemove(grainId, out _);
            return Task.CompletedTask;
        }
    }

    private sealed class HeldWrite
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Fail() => _failed.SetException(new IOException("The catalog's storage is unreachable."));

        public Task Wait()
        {
            _entered.SetResult();
            return _failed.Task;
        }
    }
}
