using System.Net.Sockets;
using Npgsql;

namespace DvcGrains.Persistence;

/// <summary>Which database failures are the statement's own, and which ended the connection.</summary>
public static class StatementFailure
{
    /// <summary>
    /// An error of severity ERROR: the statement failed, its transaction was rolled back, and the backend lives on. A
    /// FATAL or PANIC error ends the backend, possibly after a commit was flushed and before it was reported, and a
    /// broken socket or a timeout says nothing either: those leave the outcome of what was sent unknown.
    /// </summary>
    public static bool RolledBack(Exception e) => e is PostgresException { InvariantSeverity: "ERROR" };

    /// <summary>
    /// The connection turned out dead: its backend ended (FATAL, PANIC) or its socket closed. The pool's other idle
    /// connections are as old and may be dead too. A timeout is not: an exhausted pool or a slow statement says nothing
    /// of the connections, and clearing the pool then would only add a storm of new ones to the load.
    /// </summary>
    public static bool ConnectionLost(Exception e) =>
        e is PostgresException { InvariantSeverity: "FATAL" or "PANIC" } || e is NpgsqlException { InnerException: IOException or SocketException };
}
