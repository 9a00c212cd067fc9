using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>Two lanes' connections against a private PostgreSQL that stops and starts again between their batches.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class CommitConnectionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The lane that opened before the outage holds a connection the restart killed. Had nobody told it, its next batch
    /// would go out on that connection and come back with an unknown outcome, which a portal hears as UNAVAILABLE.
    /// </summary>
    [Fact]
    public async Task A_lane_that_finds_the_database_out_of_reach_has_the_other_lanes_open_new_connections_once_it_is_back()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        var lost = new LostConnections();
        await using var opened = new CommitConnection(database, fence, TestUnits.Writers, lost, Patience);
        await using var unopened = new CommitConnection(database, fence, TestUnits.Writers, lost, Patience);
        var before = Writes.Submitted(Writes.NewDossierId());
        var after = Writes.Submitted(Writes.NewDossierId());
        Assert.Contains(before.DossierId, await Commit(opened, before));

        await postgres.StopAsync();
        CommitBatchFailedException refused;
        try
        {
            refused = await Assert.ThrowsAsync<CommitBatchFailedException>(() => unopened.Bind([Encoded(Writes.Submitted(Writes.NewDossierId()))], CancellationToken.None));
        }
        finally
        {
            await postgres.StartAsync();
        }

        var committed = await Commit(opened, after);

        Assert.Equal("unsent", refused.Kind);
        Assert.Contains(after.DossierId, committed);
    }

    private static async Task<HashSet<string>> Commit(CommitConnection connection, DossierWrite write)
    {
        var command = await connection.Bind([Encoded(write)], CancellationToken.None);
        return (await connection.Send(command, CancellationToken.None)).Appended;
    }

    private static EncodedWrite Encoded(DossierWrite write) => new(write, TestUnits.KpiUnits.PathOf(write.UnitCode));
}
