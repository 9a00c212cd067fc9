namespace DvcGrains.Persistence.Dossiers;

/// <summary>A PostgreSQL server process, told apart from a later one given the same pid by its start.</summary>
internal readonly record struct PostgresBackend(int Pid, DateTime Start);
