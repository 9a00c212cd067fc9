using Npgsql;

namespace DvcGrains.Persistence.Migrations;

/// <summary>
/// The role the silos connect as may read and write the rows of every table of the schema, and nothing else: it owns
/// nothing, cannot create, alter, drop or truncate, so that a silo (or whoever takes one) cannot change the schema or
/// empty a table at once. <c>migrate</c>, connected as the owner, grants it after every run, so the tables of every
/// migration, earlier or later, are covered without each migration naming a role that is the operator's to choose.
/// </summary>
public static class RuntimeRoleGrants
{
    /// <exception cref="MigrationException">The role would be more than a runtime role (a superuser, the owner, allowed to create in the schema).</exception>
    public static async Task GrantAsync(NpgsqlDataSource dataSource, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(role);
        if (!role.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The runtime role '{role}' is not a plain lower-case role name.", nameof(role));
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var database = PostgresDatabase.Describe(connection.ConnectionString);
        await using (var check = new NpgsqlCommand(
            """
            SELECT r.rolsuper, r.rolname = current_user, has_schema_privilege(r.oid, current_schema(), 'CREATE'), current_schema()
            FROM pg_roles r WHERE r.rolname = $1
            """, connection))
        {
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new MigrationException($"Dvc:Postgres:RuntimeRole {role} is not a role of database {database}; create it (CREATE ROLE {role} LOGIN) and run migrate again.");
            }
            var (superuser, owner, creates, schema) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetString(3));
            if (superuser || owner || creates)
            {
                throw new MigrationException(
                    $"Dvc:Postgres:RuntimeRole {role} of database {database} " +
                    (superuser ? "is a superuser" : owner ? "is the role migrate connects as, the schema's owner" : $"may create objects in schema {schema} (REVOKE CREATE ON SCHEMA {schema} FROM {role}, and from PUBLIC)") +
                    "; the silos' role may only read and write rows.");
            }
        }
        // The role name was checked as a plain lower-case identifier (Dvc:Postgres:RuntimeRole); quoting keeps it one.
        await using var grant = new NpgsqlCommand(
            $"""
            DO $grant$ BEGIN
              EXECUTE format('GRANT USAGE ON SCHEMA %I TO "{role}"', current_schema());
              EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO "{role}"', current_schema());
            END $grant$
            """, connection);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }
}
