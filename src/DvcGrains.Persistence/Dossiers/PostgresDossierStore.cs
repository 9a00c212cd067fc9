using DvcGrains.Grains.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>Dossiers in PostgreSQL: reads straight from the pool, writes through the silo's <see cref="CommitPipeline"/>.</summary>
public sealed class PostgresDossierStore(NpgsqlDataSource database, CommitPipeline pipeline) : IDossierStore
{
    public async Task<IReadOnlyList<RecordedEvent>> Load(string dossierId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(DossierRows.LoadEvents);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dossierId });
        return await Read(command, cancellationToken);
    }

    public async Task<RecordedEvent?> FindRequest(string dossierId, string requestId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(DossierRows.FindRequest);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dossierId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = requestId });
        return (await Read(command, cancellationToken)) is [var recorded] ? recorded : null;
    }

    public Task<CommitResult> Commit(DossierWrite write) => pipeline.Commit(write);

    private static async Task<IReadOnlyList<RecordedEvent>> Read(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<RecordedEvent>();
            while (await rows.ReadAsync(cancellationToken))
            {
                events.Add(DossierRows.Recorded(rows));
            }
            return events;
        }
        catch (NpgsqlException e)
        {
            throw new DossierStoreUnavailableException($"Storage failed while reading a dossier: {e.Message}", e);
        }
    }
}
