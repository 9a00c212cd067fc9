namespace DvcGrains.Testing;

/// <summary>How <see cref="PostgresServer"/> stops: as an operator's restart does, or as a crash does.</summary>
public enum PostgresStop
{
    /// <summary>Sessions are ended and a checkpoint written first (<c>pg_ctl stop -m fast</c>).</summary>
    Fast,

    /// <summary>Every process ends on the spot, nothing is flushed; the next start recovers from the WAL (<c>-m immediate</c>).</summary>
    Immediate,
}
