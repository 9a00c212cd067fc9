using DvcGrains.Persistence.Migrations;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Whether this silo may write dossiers, as the database last said (migration 0012, decision 35): its build must know
/// the migration the database requires of its writers (<c>dossier_writers</c>, raised by a migration whose backfill an
/// older build would defeat), and its hierarchy and unit mapping must be the ones the database places the summaries
/// by (<c>dossier_placement</c>, recorded by the first silo of a database and by the <c>reform</c> command). The
/// commit pipeline and readiness ask it before they go on; every commit's transaction checks the same in the database
/// (<c>commit_enter</c>), which settles a change that this silo has not read yet.
/// </summary>
/// <param name="knownSchema">The last migration this build ships (<see cref="MigrationScripts.RequiredVersion"/>).</param>
/// <param name="placement">This silo's <see cref="Abstractions.Kpis.KpiUnits.PlacementFingerprint"/>.</param>
public sealed class DossierWriters(int knownSchema, string placement)
{
    /// <summary>The SQLSTATE of <c>commit_enter</c>'s refusal.</summary>
    public const string RefusedState = "DV035";

    /// <summary>The database's requirement: the oldest migration a writer must know, and the placement it records.</summary>
    public const string Requirement = "SELECT (SELECT oldest_schema FROM dossier_writers), (SELECT fingerprint FROM dossier_placement)";

    private volatile string? _refusal;

    public int KnownSchema => knownSchema;

    public string Placement => placement;

    /// <summary>Why this silo may not write dossiers now, or null when it may.</summary>
    public string? Refusal => _refusal;

    /// <summary>
    /// The database's requirement: the oldest migration a writer must know, and the placement it records (null before
    /// the first silo of a database records its own).
    /// </summary>
    public void Observed(int oldestSchema, string? databasePlacement)
    {
        _refusal = oldestSchema > knownSchema
            ? $"The database was migrated to require dossier writers that know migration {oldestSchema}, and this server's build knows " +
              $"migration {knownSchema}: what that migration wrote for the dossiers stored before it would miss this server's writes. " +
              "Nothing was written: replace this silo with the new build, and retry with the same request_id."
            : databasePlacement is not null && databasePlacement != placement
                ? $"The database places dossiers by hierarchy {Abbreviated(databasePlacement)} and this server by {Abbreviated(placement)} " +
                  "(Dvc:Hierarchy, Dvc:UnitMappingFile). Nothing was written: start this silo with the configuration of the others, " +
                  "or run `reform` with this one to make it the database's; retry with the same request_id."
                : null;
    }

    /// <summary>Reads the database's requirement again (<see cref="Requirement"/>), after <c>commit_enter</c> refused a commit.</summary>
    public async Task Reread(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var read = new NpgsqlCommand(Requirement, connection);
        await using var row = await read.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        Observed(row.GetInt32(0), row.IsDBNull(1) ? null : row.GetString(1));
    }

    /// <summary>A placement as people read it: the hierarchy's edition and the start of the digest.</summary>
    public static string Abbreviated(string placement) => placement.Length > 17 ? placement[..17] : placement;
}
