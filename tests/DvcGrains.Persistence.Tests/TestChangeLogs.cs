using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Tests;

/// <summary>A change log a test builds by hand, with the durability barrier a silo gives it.</summary>
internal static class TestChangeLogs
{
    public static PostgresDossierChangeLog Of(NpgsqlDataSource database) =>
        new(database, new DurabilityBarrier(database, new CommitPipelineOptions().CommitTimeout));

    /// <summary>A read of up to <paramref name="changes"/> changes, whatever they take in memory.</summary>
    public static ChangeReadLimit Unbounded(int changes) => new(changes, long.MaxValue);
}
