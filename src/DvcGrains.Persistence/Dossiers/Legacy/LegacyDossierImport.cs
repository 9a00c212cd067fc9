using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Serialization;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Persistence.Incarnations;
using DvcGrains.Persistence.Migrations;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace DvcGrains.Persistence.Dossiers.Legacy;

/// <summary>
/// Moves the dossiers that builds before migration 0005 stored as grain state into <c>dossier_event</c> and
/// <c>kpi_ledger</c>, a batch per transaction: the events with the request ids those builds kept, the ledger row
/// computed from the history (it may have lagged the state then), and the grain state row deleted. Run by
/// <c>migrate</c>; the schema gate refuses to start a silo while such rows remain, since it would not see them.
/// </summary>
public sealed class LegacyDossierImport(NpgsqlDataSource database, Serializer<LegacyDossierRecord> serializer)
{
    private const int BatchSize = 200;

    private const string SelectBatch = $"""
        SELECT service_id, grain_key, payload FROM grain_state
        WHERE state_name = '{LegacyDossierRecord.StateName}'
        ORDER BY service_id, grain_key
        LIMIT $1
        FOR UPDATE
        """;

    private const string DeleteBatch = $"""
        DELETE FROM grain_state g USING unnest($1::text[], $2::text[]) AS moved(service_id, grain_key)
        WHERE g.state_name = '{LegacyDossierRecord.StateName}' AND g.service_id = moved.service_id AND g.grain_key = moved.grain_key
        """;

    private const string Services = $"SELECT DISTINCT service_id FROM grain_state WHERE state_name = '{LegacyDossierRecord.StateName}' ORDER BY 1";

    private const string AlreadyStored = "SELECT DISTINCT dossier_id FROM dossier_event WHERE dossier_id = ANY($1) ORDER BY 1";

    private const string CountRemaining = $"SELECT count(*) FROM grain_state WHERE state_name = '{LegacyDossierRecord.StateName}'";

    /// <summary>An import with the silo's serialization of domain values, which those builds wrote the state with.</summary>
    public static LegacyDossierImport Create(NpgsqlDataSource database)
    {
        var services = new ServiceCollection()
            .AddDomainSerialization()
            .AddSerializer(builder => builder.AddAssembly(typeof(LegacyDossierRecord).Assembly))
            .BuildServiceProvider();
        return new LegacyDossierImport(database, services.GetRequiredService<Serializer<LegacyDossierRecord>>());
    }

    /// <summary>How many dossiers still wait in <c>grain_state</c>.</summary>
    public static async Task<long> Remaining(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand(CountRemaining, connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Moves every waiting dossier; answers how many. Running it again moves nothing.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        await RefuseSeveralServices(cancellationToken);
        var moved = 0;
        while (await ImportBatch(cancellationToken) is var count and > 0)
        {
            moved += count;
        }
        return moved;
    }

    /// <summary>
    /// The dossier tables are not keyed by service: dossiers of two services (each with its own code sequences, so
    /// with codes in common) cannot move into them together.
    /// </summary>
    private async Task RefuseSeveralServices(CancellationToken cancellationToken)
    {
        await using var select = database.CreateCommand(Services);
        var services = await Strings(select, cancellationToken);
        if (services.Count > 1)
        {
            throw new MigrationException(
                $"grain_state holds dossiers of {services.Count} services ({string.Join(", ", services)}), whose dossier codes may coincide; " +
                "nothing was moved. Give each service its own database (a copy, then delete the other services' rows from each) and migrate each.");
        }
    }

    private async Task<int> ImportBatch(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var incarnation = (await IncarnationRecord.Learn(connection, cancellationToken)).Incarnation;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new HistoryBatch(incarnation);
        var serviceIds = new List<string>();
        var dossierIds = new List<string>();
        await using (var select = new NpgsqlCommand(SelectBatch, connection, transaction) { Parameters = { new NpgsqlParameter<int> { TypedValue = BatchSize } } })
        await using (var rows = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                var (serviceId, dossierId) = (rows.GetString(0), rows.GetString(1));
                serviceIds.Add(serviceId);
                dossierIds.Add(dossierId);
                // A cleared state (no payload) holds no dossier: its row only goes.
                if (!rows.IsDBNull(2))
                {
                    batch.Add(dossierId, Read(dossierId, rows.GetFieldValue<byte[]>(2)));
                }
            }
        }
        if (dossierIds.Count == 0)
        {
            return 0;
        }
        await RefuseCollisions(connection, transaction, dossierIds, cancellationToken);
        await using (var import = batch.Command(connection, transaction))
        {
            await import.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = new NpgsqlCommand(DeleteBatch, connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. serviceIds] });
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dossierIds] });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return dossierIds.Count;
    }

    /// <summary>
    /// A code stored both ways is two dossiers, or one written twice: merging their events would make a history neither
    /// had, and deleting the grain state would lose one. The operator decides which stays.
    /// </summary>
    private static async Task RefuseCollisions(NpgsqlConnection connection, NpgsqlTransaction transaction, List<string> dossierIds, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(AlreadyStored, connection, transaction) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. dossierIds] } } };
        var collisions = await Strings(select, cancellationToken);
        if (collisions.Count > 0)
        {
            throw new MigrationException(
                $"Dossier {string.Join(", ", collisions)} is stored both as grain state (by a build before migration 0005) and in dossier_event; " +
                $"nothing of its batch was moved. Compare the two (grain_state rows of state_name '{LegacyDossierRecord.StateName}' and " +
                "dossier_event), delete the one that must not stay, and migrate again.");
        }
    }

    private static async Task<List<string>> Strings(NpgsqlCommand select, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            values.Add(rows.GetString(0));
        }
        return values;
    }

    private LegacyDossierRecord Read(string dossierId, byte[] payload)
    {
        LegacyDossierRecord? record;
        try
        {
            record = serializer.Deserialize(payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Unreadable(dossierId, e.Message, e);
        }
        return record ?? throw Unreadable(dossierId, "its state is empty", null);
    }

    private static MigrationException Unreadable(string dossierId, string reason, Exception? cause)
    {
        var message = $"Dossier {dossierId}, stored by a build before migration 0005, cannot be read ({reason}); nothing of its batch was moved.";
        return cause is null ? new MigrationException(message) : new MigrationException(message, cause);
    }

    /// <summary>The columns of one <see cref="DossierRows.ImportHistories"/> statement.</summary>
    private sealed class HistoryBatch(DatabaseIncarnation incarnation)
    {
        private readonly List<string> _eventDossiers = [];
        private readonly List<int> _versions = [];
        private readonly List<string> _requestIds = [];
        private readonly List<byte[]> _fingerprints = [];
        private readonly List<string> _events = [];
        private readonly List<string> _ledgerDossiers = [];
        private readonly List<string> _unitCodes = [];
        private readonly List<int> _ledgerVersions = [];
        private readonly List<string> _facts = [];

        public void Add(string dossierId, LegacyDossierRecord record)
        {
            foreach (var recorded in record.Recorded())
            {
                _eventDossiers.Add(dossierId);
                _versions.Add(checked((int)recorded.Event.Version));
                _requestIds.Add(recorded.RequestId);
                _fingerprints.Add(recorded.Fingerprint.ToBytes());
                _events.Add(DossierRows.EventJson(recorded.Event));
            }
            if (DossierState.Fold(record.Events) is { } state)
            {
                _ledgerDossiers.Add(dossierId);
                _unitCodes.Add(state.UnitCode);
                _ledgerVersions.Add(checked((int)state.Version));
                _facts.Add(DossierRows.FactsJson(DossierKpiFacts.From(state)));
            }
        }

        public NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(DossierRows.ImportHistories, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. _eventDossiers] },
                new NpgsqlParameter<int[]> { TypedValue = [.. _versions] },
                new NpgsqlParameter<string[]> { TypedValue = [.. _requestIds] },
                new NpgsqlParameter<byte[][]> { TypedValue = [.. _fingerprints] },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = [.. _events] },
                new NpgsqlParameter<string[]> { TypedValue = [.. _ledgerDossiers] },
                new NpgsqlParameter<string[]> { TypedValue = [.. _unitCodes] },
                new NpgsqlParameter<int[]> { TypedValue = [.. _ledgerVersions] },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = [.. _facts] },
                new NpgsqlParameter<int> { TypedValue = incarnation.Number },
            },
        };
    }
}
