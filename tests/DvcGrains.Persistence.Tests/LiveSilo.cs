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

    /// <summary>What the cluster does when it declares the silo dead.</summary>
    public static NpgsqlCommand DeclareDead(NpgsqlDataSource database, CommitFence fence)
    {
        var update = database.CreateCommand("UPDATE cluster_member SET status = $5 WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4");
        BindRow(update, fence);
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CommitFence.Dead });
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
