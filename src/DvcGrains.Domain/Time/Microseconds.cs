namespace DvcGrains.Domain.Time;

/// <summary>
/// Instants are kept to the microsecond, as PostgreSQL keeps them, so that a dossier folded from its events and the
/// same dossier read from its summary row show the same times. Truncation rounds toward the past, which keeps every
/// comparison with a whole minute (overdue is judged by the minute) as it was.
/// </summary>
public static class Microseconds
{
    public static DateTimeOffset Truncate(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % 10));

    public static DateTimeOffset? Truncate(DateTimeOffset? instant) => instant is { } at ? Truncate(at) : null;
}
