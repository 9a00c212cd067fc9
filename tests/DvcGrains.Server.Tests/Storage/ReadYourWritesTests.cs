using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// Two silos of one cluster on one database: a command acknowledged by either is in the very next list on the other,
/// whichever silo the dossier's grain lives on, and on the other's change feed.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ReadYourWritesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Dossiers = 20;
    private const string Commune = "00004";

    [Fact]
    public async Task A_command_acknowledged_by_one_silo_is_in_the_next_list_and_the_feed_of_the_other()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var cluster = $"ryw-{Guid.NewGuid():N}";
        await using var first = await RunningServer.StartOn(connectionString, "--Orleans:ClusterId", cluster);
        await using var second = await RunningServer.StartOn(connectionString, "--Orleans:ClusterId", cluster);
        var ids = new List<string>();
        using var stop = new CancellationTokenSource(FeedReader.Deadline);
        using var feed = second.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = Commune, FromNow = true }, cancellationToken: stop.Token);
        await feed.ResponseHeadersAsync;

        for (var i = 0; i < Dossiers; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (first, second) : (second, first);
            var id = NewDossierId();
            ids.Add(id);
            await writer.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = Commune, ProcedureCode = "1.001193", Channel = Channel.InPerson });
            var afterSubmit = await reader.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = Commune, PageSize = 1000 });
            await reader.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) });
            var afterStart = await writer.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = Commune, Statuses = { DossierStatus.Processing }, PageSize = 1000 });

            Assert.Equal(1, afterSubmit.Dossiers.Single(d => d.DossierId == id).Version);
            Assert.Equal(2, afterStart.Dossiers.Single(d => d.DossierId == id).Version);
        }
        var followed = new List<DossierChange>();
        while (followed.Count < 2 * Dossiers && await feed.ResponseStream.MoveNext(stop.Token))
        {
            followed.Add(feed.ResponseStream.Current);
        }

        Assert.Equal(ids.SelectMany(id => new[] { (id, 1L), (id, 2L) }), followed.Select(c => (c.Dossier.DossierId, c.Event.Version)));
    }
}
