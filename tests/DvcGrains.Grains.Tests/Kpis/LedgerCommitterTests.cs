using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class LedgerCommitterTests
{
    private static DossierKpiRecord Record(string dossier, long version) => new(dossier, version, new DossierKpiFacts(
        new DateOnly(2026, 3, 2), Channel.Online, false, false, false, false, false, false, false,
        null, null, Timeliness.Unspecified, false, null, null, default, null, false, null, null));

    /// <summary>A ledger whose writes finish when the test says so.</summary>
    private sealed class GatedLedger : IKpiLedger
    {
        public List<IReadOnlyList<DossierKpiRecord>> Writes { get; } = [];
        public TaskCompletionSource Gate { get; set; } = new();

        public Task<IReadOnlyList<DossierKpiRecord>> Load(string unitCode, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DossierKpiRecord>>([]);

        public Task<IReadOnlySet<string>> UnitsWithRecords(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

        public Task Save(string unitCode, IReadOnlyList<DossierKpiRecord> records)
        {
            Writes.Add(records);
            return Gate.Task;
        }
    }

    [Fact]
    public async Task Records_arriving_during_a_write_are_written_together_in_the_next_one()
    {
        var ledger = new GatedLedger();
        var counted = new List<string>();
        var committer = new LedgerCommitter(ledger, "01", r => counted.Add(r.DossierId));

        var first = committer.Commit(Record("a", 1));
        var second = committer.Commit(Record("b", 1));
        var third = committer.Commit(Record("c", 1));
        Assert.Empty(counted);
        var gate = ledger.Gate;
        ledger.Gate = new TaskCompletionSource();
        ledger.Gate.SetResult();
        gate.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal([["a"], ["b", "c"]], ledger.Writes.Select(w => w.Select(r => r.DossierId)));
        Assert.Equal(["a", "b", "c"], counted);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_counts_nothing()
    {
        var ledger = new GatedLedger();
        var counted = new List<string>();
        var committer = new LedgerCommitter(ledger, "01", r => counted.Add(r.DossierId));

        var commit = committer.Commit(Record("a", 1));
        ledger.Gate.SetException(new TimeoutException("database gone"));

        await Assert.ThrowsAsync<TimeoutException>(() => commit);
        Assert.Empty(counted);
        ledger.Gate = new TaskCompletionSource();
        ledger.Gate.SetResult();
        await committer.Commit(Record("a", 1));
        Assert.Equal(["a"], counted);
    }
}
