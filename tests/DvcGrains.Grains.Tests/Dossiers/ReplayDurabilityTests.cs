using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Grains.Hosting;
using DvcGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Dossiers;

/// <summary>
/// A retry of an applied command is answered only once the write it reports is durable: the dossier crosses the
/// storage's durability barrier first, and answers UNAVAILABLE, not a replay, when the barrier cannot be crossed.
/// </summary>
public sealed class ReplayDurabilityTests : IAsyncLifetime
{
    private const string Unit = "01";
    private static readonly GatedBarrier Barrier = new();

    private readonly TestCluster _cluster = TestClusters.Of<SiloConfigurator>(1);

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_retry_of_an_applied_command_is_answered_once_the_barrier_is_crossed()
    {
        var (dossier, submit) = NewSubmission();
        var first = await dossier.Execute(submit);
        var gate = Barrier.Close();

        var retry = dossier.Execute(submit);
        await gate.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var answeredBeforeCrossing = retry.IsCompleted;
        gate.Crossed.SetResult();
        var replayed = await retry;

        Assert.False(first.Replayed);
        Assert.False(answeredBeforeCrossing);
        Assert.True(replayed.Replayed);
        Assert.Equal(1, replayed.Applied().Version);
    }

    [Fact]
    public async Task A_retry_whose_durability_cannot_be_confirmed_fails_and_a_later_retry_replays()
    {
        var (dossier, submit) = NewSubmission();
        await dossier.Execute(submit);
        var gate = Barrier.Close();
        gate.Crossed.SetException(new DossierStoreUnavailableException("the standbys did not confirm"));

        var refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => dossier.Execute(submit));
        Barrier.Open();
        var replayed = await dossier.Execute(submit);

        Assert.Equal("the standbys did not confirm", refused.Message);
        Assert.True(replayed.Replayed);
        Assert.Equal(1, replayed.Applied().Version);
    }

    private (IDossierGrain Dossier, CommandEnvelope Submit) NewSubmission()
    {
        var id = NewDossierId();
        return (_cluster.GrainFactory.GetGrain<IDossierGrain>(id), Envelope(Submit(id, Unit, Channel.Online, DateTimeOffset.UtcNow.AddHours(-1))));
    }

    /// <summary>A barrier that is crossed at once while open, and when the test says while closed.</summary>
    private sealed class GatedBarrier : IDurabilityBarrier
    {
        private volatile Gate? _gate;

        public Gate Close() => _gate = new Gate();

        public void Open() => _gate = null;

        public Task Cross(CancellationToken cancellationToken)
        {
            if (_gate is not { } gate)
            {
                return Task.CompletedTask;
            }
            gate.Asked.TrySetResult();
            return gate.Crossed.Task;
        }
    }

    private sealed class Gate
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Crossed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddEmbeddedStorage();
            siloBuilder.Services.AddSingleton<IDurabilityBarrier>(Barrier);
            siloBuilder.Services.AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog,
                new ConfigurationBuilder().Build());
        }
    }
}
