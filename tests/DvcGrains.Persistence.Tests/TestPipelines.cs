using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Persistence.Tests;

/// <summary>A commit pipeline a test builds by hand, started, with the barrier, the standbys' state and the meters a silo gives it.</summary>
internal static class TestPipelines
{
    public static CommitPipeline Of(NpgsqlDataSource database, CommitFence fence, CommitPipelineOptions? options = null, SynchronousStandbys? standbys = null)
    {
        var pipeline = options ?? new CommitPipelineOptions();
        var started = new CommitPipeline(
            database, database, new DurabilityBarrier(database, pipeline.CommitTimeout), standbys ?? new SynchronousStandbys(Options.Create(new StorageOptions())),
            TestUnits.KpiUnits, Options.Create(pipeline), fence, TestMeters.Storage(), NullLogger<CommitPipeline>.Instance);
        // What a silo's lifecycle does as its grain services start.
        started.Start();
        return started;
    }
}
