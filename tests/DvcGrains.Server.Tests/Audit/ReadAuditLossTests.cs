using System.Diagnostics.Metrics;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Security;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Tests.Audit;

/// <summary>A read that finds the record's queue full is lost, and counted as lost: never dropped in silence.</summary>
public sealed class ReadAuditLossTests
{
    [Fact]
    public void A_read_beyond_the_waiting_bound_is_counted_lost_and_the_ones_within_it_wait_for_the_writer()
    {
        var factory = TestMeters.Factory();
        long lost = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "dvc.audit.reads")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("outcome", "lost")))
            {
                Interlocked.Add(ref lost, value);
            }
        });
        listener.Start();
        var audit = new ReadAudit(Options.Create(new ReadAuditOptions { MaxWaiting = 2 }),
            new ClientAddress(Options.Create(new ClientAddressOptions())), new ReadAuditMetrics(factory), TimeProvider.System);

        for (var i = 0; i < 5; i++)
        {
            audit.Note(new ReadRecord(DateTimeOffset.UtcNow, "portal", [], "127.0.0.1", "dvc.v1.Dossiers/Get", $"D-{i}", null, 1));
        }

        Assert.Equal(3, Interlocked.Read(ref lost));
        Assert.Equal(2, audit.Waiting.Count);
    }
}
