using Npgsql;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// A private PostgreSQL whose migrated database holds many open dossiers' summaries in one province, none of them
/// postal, so that <see cref="List"/> reads the province whole (every row of its index range) and finds nothing: a list
/// heavy for the database and light for everything else. Only lists read these rows; they have no events.
/// </summary>
public sealed class ProvinceReadWhole : IAsyncLifetime
{
    public const string Province = "79";

    private const int Summaries = 300_000;

    private readonly PostgresServer _postgres = new();

    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// <see cref="ConnectionString"/> with the patience given a database that stays up (<see cref="PostgresServer.PatientTimeout"/>):
    /// while lists load it, opening a connection can take past the 3 s that suit the tests which stop a database.
    /// </summary>
    public string PatientConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = PostgresServer.PatientTimeout }.ConnectionString;

    /// <summary>Every open dossier of the province is read, and none matches.</summary>
    public static Api.V1.ListDossiersRequest List => new() { UnitCode = Province, Channel = Api.V1.Channel.Postal, PageSize = 100 };

    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
        await _postgres.InitializeAsync();
        ConnectionString = await _postgres.CreateMigratedDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(ConnectionString);
        await using var fill = database.CreateCommand($"""
            INSERT INTO dossier (dossier_id, version, unit_code, counted_unit, province_code, status, procedure_code, channel,
                applicant_type, vneid_authenticated, submitted_at, ended, final_timeliness, supplement_requests, paused_seconds,
                fee_due_vnd, paid_vnd, paid_online, electronic_result, synced, rated, satisfied, apologies)
            SELECT '{Province}-200101-' || lpad(i::text, 7, '0'), 1, '{Province}', '{Province}', '{Province}', 1, '1.001193', 1,
                1, false, timestamptz '2020-01-01' + i * interval '1 second', false, 0, 0, 0, 0, 0, false, false, false, false, false, 0
            FROM generate_series(1, {Summaries}) AS i;
            ANALYZE dossier;
            """);
        fill.CommandTimeout = 300;
        await fill.ExecuteNonQueryAsync();
    });

    public Task DisposeAsync() => _postgres.DisposeAsync();

    /// <summary>
    /// The last heartbeat an active silo wrote in <c>cluster_member</c>, read on a connection of the test's own. It is
    /// patient: a test class that restarts its own server clears this process's pools, so a read may open anew while
    /// lists load the database.
    /// </summary>
    public async Task<DateTime> LastHeartbeat()
    {
        await using var connection = new NpgsqlConnection(PatientConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT max(i_am_alive_time) FROM cluster_member WHERE status = 3", connection);
        return await read.ExecuteScalarAsync() is DateTime heartbeat ? heartbeat : DateTime.MinValue;
    }
}
