using System.Collections.Concurrent;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Tests.Audit;

/// <summary>
/// The record of reads appends a batch once it has gathered for <c>AppendEvery</c> after its first read, or at once
/// when a full batch waits: one transaction for many reads, never one for each.
/// </summary>
public sealed class ReadAuditWriterTests
{
    [Fact]
    public async Task Reads_noted_while_a_batch_gathers_are_appended_together_when_its_time_is_up()
    {
        var options = new ReadAuditOptions { AppendEvery = TimeSpan.FromSeconds(1) };
        var (audit, log, clock, writer) = Writer(options);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            audit.Note(Read("D-0"));
            await Eventually.Until(() => clock.Waiting == 1, "the batch gathering after its first read");
            audit.Note(Read("D-1"));
            audit.Note(Read("D-2"));
            Assert.Empty(log.Batches);

            clock.Fire();
            await Eventually.Until(() => !log.Batches.IsEmpty, "the gathered batch appended");

            Assert.Equal(["D-0", "D-1", "D-2"], Assert.Single(log.Batches).Select(record => record.DossierId));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_full_batch_is_appended_without_gathering()
    {
        var options = new ReadAuditOptions { AppendEvery = TimeSpan.FromSeconds(1), MaxBatch = 2 };
        var (audit, log, clock, writer) = Writer(options);
        audit.Note(Read("D-0"));
        audit.Note(Read("D-1"));
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.Until(() => !log.Batches.IsEmpty, "the full batch appended");

            Assert.Equal(["D-0", "D-1"], Assert.Single(log.Batches).Select(record => record.DossierId));
            Assert.Equal(0, clock.Created);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static (ReadAudit Audit, RecordingLog Log, HeldClock Clock, ReadAuditWriter Writer) Writer(ReadAuditOptions options)
    {
        var clock = new HeldClock();
        var metrics = new ReadAuditMetrics(TestMeters.Factory());
        var audit = new ReadAudit(Options.Create(options), new ClientAddress(Options.Create(new ClientAddressOptions())), metrics, clock);
        var log = new RecordingLog();
        return (audit, log, clock, new ReadAuditWriter(audit, log, Options.Create(options), metrics, clock, NullLogger<ReadAuditWriter>.Instance));
    }

    private static ReadRecord Read(string dossierId) =>
        new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), "portal", ["dossiers.read"], "127.0.0.1", "dvc.v1.Dossiers/Get", dossierId, null, 1);

    /// <summary>Each append as a batch of its own, copied: the writer reuses its list.</summary>
    private sealed class RecordingLog : IReadAuditLog
    {
        public ConcurrentQueue<ReadRecord[]> Batches { get; } = new();

        public Task Append(IReadOnlyList<ReadRecord> records, CancellationToken cancellationToken)
        {
            Batches.Enqueue([.. records]);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ReadRecord>> Find(ReadAuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> DeleteBefore(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0L);
    }

    /// <summary>A fixed instant whose timers fire only when the test says: what the writer waits on, the test sees and ends.</summary>
    private sealed class HeldClock : TimeProvider
    {
        private readonly ConcurrentQueue<HeldTimer> _timers = new();
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public int Waiting => _timers.Count;

        public override DateTimeOffset GetUtcNow() => new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            var timer = new HeldTimer(callback, state);
            _timers.Enqueue(timer);
            return timer;
        }

        public void Fire()
        {
            while (_timers.TryDequeue(out var timer))
            {
                timer.Fire();
            }
        }
    }

    private sealed class HeldTimer(TimerCallback callback, object? state) : ITimer
    {
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
