using DvcGrains.Persistence.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Tests;

/// <summary>A silo row in <c>cluster_member</c>, as a joining silo writes it: what a commit pipeline's fence checks.</summary>
internal static class LiveSilo
{
    private static int _generation;

    /// <summary>Registers an active silo of a new cluster and answers its fence.</summary>
    public static async Task<CommitFence> Register(NpgsqlDataSource database)
    {
        var fence = new CommitFence($"test-{Guid.NewGuid():N}", "127.0.0.1", 11111, Interlocked.Increment(ref _generation));
        await using var insert = database.CreateCommand("""
            WITH cluster AS (INSERT INTO cluster_version (cluster_id) VALUES ($1) RETURNING cluster_id)
            INSERT INTO cluster_member (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
            SELECT cluster_id, $2, $3, $4, 'test-silo', 'test-host', 3, 0, now(), now() FROM cluster
            """);
        BindRow(insert, fence);
        await insert.ExecuteNonQueryAsync();
        return fence;
    }

    /// <summary>
    /// What the cluster runs when it declares the silo dead: Orleans' update of the silo's row (the migrations'
    /// <c>UpdateMembershipKey</c>) at the cluster's version now, to be executed.
    /// </summary>
    public static Task<NpgsqlCommand> DeclareDead(NpgsqlDataSource database, CommitFence fence) =>
        MembershipUpdate(database, fence, "UpdateMembershipKey", ("Status", CommitFence.Dead), ("SuspectTimes", DBNull.Value));

    /// <summary>The silo's heartbeat, as Orleans writes it (the migrations' <c>UpdateIAmAlivetimeKey</c>), to be executed.</summary>
    public static Task<NpgsqlCommand> Heartbeat(NpgsqlDataSource database, CommitFence fence) =>
        MembershipUpdate(database, fence, "UpdateIAmAlivetimeKey");

    /// <summary>One of the provider's queries on the silo's row, its parameters named as the provider names them.</summary>
    private static async Task<NpgsqlCommand> MembershipUpdate(NpgsqlDataSource database, CommitFence fence, string queryKey, params (string Name, object Value)[] more)
    {
        await using var read = database.CreateCommand(
            "SELECT querytext, (SELECT version FROM cluster_version WHERE cluster_id = $2) FROM orleansquery WHERE querykey = $1");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queryKey });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.ClusterId });
        await using var row = await read.ExecuteReaderAsync();
        await row.ReadAsync();
        var update = database.CreateCommand(row.GetString(0));
        foreach (var (name, value) in new (string, object)[]
        {
            ("DeploymentId", fence.ClusterId), ("Address", fence.Address), ("Port", fence.Port), ("Generation", fence.Generation),
            ("Version", row.GetInt32(1)), ("IAmAliveTime", DateTime.UtcNow),
        }.Concat(more))
        {
            update.Parameters.Add(new NpgsqlParameter(name, value));
        }
        return update;
    }

    /// <summary>$1-$4: the row's cluster, address, port and generation.</summary>
    private static void BindRow(NpgsqlCommand command, CommitFence fence)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.Address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = fence.Generation });
    }
}
