using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DvcGrains.Persistence.Tests;

/// <summary>Membership through the ADO.NET clustering provider and the project's queries.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ClusterMembershipTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task A_silo_joins_as_an_active_member_with_utc_times_and_leaves_as_dead()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var running = await PostgresSilo.Start(connectionString);
        var silo = running.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var joined = await Members(connectionString, running.ClusterId);
        await running.DisposeAsync();
        var left = await Members(connectionString, running.ClusterId);

        // The database's sessions run at UTC+7: a time written without its offset would be seven hours off.
        Assert.Equal([("127.0.0.1", silo.Endpoint.Port, silo.Generation, Active, true)], joined);
        Assert.Equal([("127.0.0.1", silo.Endpoint.Port, silo.Generation, Dead, true)], left);
    }

    private static async Task<List<(string Address, int Port, int Generation, int Status, bool TimesAreNow)>> Members(string connectionString, string cluster)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT address, port, generation, status,
                   abs(extract(epoch FROM now() - i_am_alive_time)) < 600 AND abs(extract(epoch FROM now() - start_time)) < 600
            FROM cluster_member WHERE cluster_id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster });
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<(string, int, int, int, bool)>();
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetBoolean(4)));
        }
        return members;
    }
}
