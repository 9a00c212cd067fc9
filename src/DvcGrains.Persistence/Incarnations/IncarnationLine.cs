using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Incarnations;

/// <summary>
/// The database's line of incarnations up to the current one, as the change log checks positions against it: a
/// position is of this history when it names an incarnation of the line (number and nonce) and, unless that is the
/// current one, lies below what the next incarnation kept of it. Recorded incarnations never change, so the line is
/// read again only when the current incarnation is not the one it was read for.
/// </summary>
internal sealed class IncarnationLine(NpgsqlDataSource database)
{
    private volatile Known? _read;

    /// <summary>The nonce of incarnation <paramref name="number"/> of the line that ends at <paramref name="current"/>.</summary>
    public async Task<DatabaseIncarnation> Of(int number, DatabaseIncarnation current, CancellationToken cancellationToken) =>
        number == current.Number ? current : (await Read(current, cancellationToken)).Incarnations[number].Incarnation;

    /// <summary>
    /// Whether <paramref name="position"/> is of this history, whose current incarnation's log is final below
    /// <paramref name="frontier"/>: a position of it past the frontier was never given out by this history (the frontier
    /// only grows), so it is of a stretch the database lost (a copy of its disks started again) or made up.
    /// </summary>
    /// <exception cref="FeedResetException">The position is not of this history.</exception>
    public async Task Check(ChangePosition position, ChangePosition frontier, CancellationToken cancellationToken)
    {
        var current = frontier.Incarnation;
        if (position == ChangePosition.Start)
        {
            return;
        }
        if (position.Incarnation == current)
        {
            if (position > frontier)
            {
                throw new FeedResetException(position,
                    $"The position lies past every change incarnation {current.Number} of the database has made final: the database " +
                    "was restored to an earlier point without a new timeline (a copy of its disks), or the position was not given by this service.");
            }
            return;
        }
        var line = await Read(current, cancellationToken);
        if (!line.Incarnations.TryGetValue(position.Incarnation.Number, out var known) || known.Incarnation != position.Incarnation
            || position.Incarnation.Number > current.Number)
        {
            throw new FeedResetException(position,
                $"The position is of incarnation {position.Incarnation.Number} of another history of the database than this one " +
                $"(now in incarnation {current.Number}): the database was restored from a backup of another line, or the position " +
                "comes from another database.");
        }
        var next = line.Incarnations[position.Incarnation.Number + 1];
        if (position.Commit >= next.KeptBelow)
        {
            throw new FeedResetException(position,
                $"The position lies past what incarnation {next.Incarnation.Number} of the database kept of incarnation " +
                $"{position.Incarnation.Number}: the database was restored to an earlier point, or failed over to a standby that " +
                "had not received every change, so changes up to the position may be gone and others may have taken their place.");
        }
    }

    private async Task<Known> Read(DatabaseIncarnation current, CancellationToken cancellationToken)
    {
        if (_read is { } read && read.Current == current)
        {
            return read;
        }
        await using var command = database.CreateCommand("SELECT number, nonce, kept_below FROM database_incarnation WHERE number <= $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = current.Number });
        var incarnations = new Dictionary<int, Recorded>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                incarnations[rows.GetInt32(0)] = new Recorded(
                    new DatabaseIncarnation(rows.GetInt32(0), rows.GetInt64(1)), rows.IsDBNull(2) ? 0 : rows.GetFieldValue<ulong>(2));
            }
        }
        if (!incarnations.TryGetValue(current.Number, out var last) || last.Incarnation != current)
        {
            // The database moved on to another line between the read that named the current incarnation and this one.
            throw new NpgsqlException($"The database's incarnation {current.Number} changed while its line was read.");
        }
        _read = new Known(current, incarnations);
        return _read;
    }

    private sealed record Recorded(DatabaseIncarnation Incarnation, ulong KeptBelow);

    private sealed record Known(DatabaseIncarnation Current, IReadOnlyDictionary<int, Recorded> Incarnations);
}
