using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
using DvcGrains.Grains.Embedded;
using DvcGrains.Grains.Hosting;
using DvcGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Dossiers;

/// <summary>A write whose commit storage cannot tell reaches its unit's counters through the ledger once it has settled.</summary>
public sealed class CommitOutcomeUnknownTests : IAsyncLifetime
{
    private const string Unit = "01";
    private static readonly UndecidedCommits Store = new();

    private readonly TestCluster _cluster = TestClusters.Of<SiloConfigurator>(1);

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_caller_is_told_storage_failed_and_the_unit_recounts_its_ledger_once_the_write_has_settled()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var query = new KpiQuery(PeriodKind.Year, VietnamTime.DateOf(at), DateTimeOffset.UtcNow);
        var before = await Received(query);
        var dossierId = NewDossierId();
        var settling = Store.NextIsUndecided();

        var failure = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() =>
            _cluster.GrainFactory.GetGrain<IDossierGrain>(dossierId).Execute(Envelope(Submit(dossierId, Unit, Channel.Online, at))));
        var whileUnsettled = await Received(query);
        settling.SetResult();

        Assert.StartsWith("Storage failed while committing dossier ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, whileUnsettled);
        await Eventually.Holds(async () => Assert.Equal(before + 1, await Received(query)));
    }

    private async Task<long> Received(KpiQuery query) =>
        (await _cluster.GrainFactory.GetGrain<IUnitKpiGrain>(Unit).GetKpis(query with { AsOf = DateTimeOffset.UtcNow })).Counters.Received;

    /// <summary>
    /// The embedded store, whose next commit is written and then reported unknown, as a commit whose connection broke
    /// after it was sent: it settles when the test says.
    /// </summary>
    private sealed class UndecidedCommits : IDossierStore
    {
        private volatile TaskCompletionSource? _next;

        public InMemoryDossierStore Inner { get; set; } = null!;

        public TaskCompletionSource NextIsUndecided() => _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<RecordedEvent>> Load(string dossierId, CancellationToken cancellationToken) => Inner.Load(dossierId, cancellationToken);

        public Task<CommittedVersion?> Committed(string dossierId, CancellationToken cancellationToken) => Inner.Committed(dossierId, cancellationToken);

        public Task<RecordedEvent?> FindRequest(string dossierId, string requestId, CancellationToken cancellationToken) =>
            Inner.FindRequest(dossierId, requestId, cancellationToken);

        public Task<long> HighestSequence(string unitCode, DateOnly day, CancellationToken cancellationToken) =>
            Inner.HighestSequence(unitCode, day, cancellationToken);

        public Task<bool> ErasePersonalData(ErasureWrite write, CancellationToken cancellationToken) => Inner.ErasePersonalData(write, cancellationToken);

        public Task<IReadOnlyList<string>> ClosedBefore(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken) =>
            Inner.ClosedBefore(closedBefore, limit, cancellationToken);

        public async Task<CommitResult> Commit(DossierWrite write)
        {
            var result = await Inner.Commit(write);
            if (Interlocked.Exchange(ref _next, null) is { } settling)
            {
                throw new CommitOutcomeUnknownException(
                    $"Storage failed while committing dossier {write.DossierId}: the connection broke.", new IOException("connection broke"), settling.Task);
            }
            return result;
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddEmbeddedStorage();
            TestClusterUnitDirectory.AddTo(siloBuilder);
            siloBuilder.Services.AddSingleton<InMemoryDossierStore>();
            siloBuilder.Services.AddSingleton<IDossierStore>(provider =>
            {
                Store.Inner = provider.GetRequiredService<InMemoryDossierStore>();
                return Store;
            });
            siloBuilder.Services.AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog,
                new ConfigurationBuilder().Build());
        }
    }
}
