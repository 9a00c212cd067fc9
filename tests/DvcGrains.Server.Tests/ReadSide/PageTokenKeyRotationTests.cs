using DvcGrains.Api.V1;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>Page token keys rotate as docs/operations.md says: a key added seals, the old one opens until it is deleted.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PageTokenKeyRotationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly ListDossiersRequest FirstPage = new() { UnitCode = "VN", PageSize = 1 };

    [Fact]
    public async Task A_new_key_seals_on_every_silo_that_reads_it_the_old_one_opens_until_it_is_deleted()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var first = await RunningServer.StartOn(connectionString);
        await FileTwo(first);
        var oldToken = (await first.Dossiers.ListAsync(FirstPage)).NextPageToken;

        await Execute(connectionString, "INSERT INTO page_token_key (key_id, key) SELECT max(key_id) + 1, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) FROM page_token_key");
        await using var second = await RunningServer.StartOn(connectionString);
        var newToken = (await second.Dossiers.ListAsync(FirstPage)).NextPageToken;
        var newOnFirst = await first.Dossiers.ListAsync(new ListDossiersRequest(FirstPage) { PageToken = newToken });
        var oldOnSecond = await second.Dossiers.ListAsync(new ListDossiersRequest(FirstPage) { PageToken = oldToken });
        await Execute(connectionString, "DELETE FROM page_token_key WHERE key_id < (SELECT max(key_id) FROM page_token_key)");
        await using var third = await RunningServer.StartOn(connectionString);
        var oldOnThird = await Fails(() => third.Dossiers.ListAsync(new ListDossiersRequest(FirstPage) { PageToken = oldToken }).ResponseAsync);
        var newOnThird = await third.Dossiers.ListAsync(new ListDossiersRequest(FirstPage) { PageToken = newToken });

        Assert.Equal((1, 2), (PageTokens.KeyIdOf(oldToken), PageTokens.KeyIdOf(newToken)));
        Assert.Single(newOnFirst.Dossiers);
        Assert.Single(oldOnSecond.Dossiers);
        Assert.Single(newOnThird.Dossiers);
        Assert.Equal(StatusCode.InvalidArgument, oldOnThird.StatusCode);
        Assert.Contains("not a token this server gave", oldOnThird.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task FileTwo(RunningServer server)
    {
        for (var i = 0; i < 2; i++)
        {
            await server.Dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddHours(-1)), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson,
            });
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
