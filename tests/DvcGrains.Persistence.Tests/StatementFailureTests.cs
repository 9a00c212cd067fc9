using Npgsql;

namespace DvcGrains.Persistence.Tests;

public sealed class StatementFailureTests
{
    [Fact]
    public void Only_an_error_of_the_statement_itself_means_its_transaction_was_rolled_back()
    {
        var uniqueViolation = new PostgresException("duplicate key value", "LỖI", "ERROR", PostgresErrorCodes.UniqueViolation);
        var terminated = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);
        var crashed = new PostgresException("terminating connection because of crash of another server process", "FATAL", "FATAL", PostgresErrorCodes.CrashShutdown);
        var socket = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        Assert.Equal([true, false, false, false, false],
            new Exception[] { uniqueViolation, terminated, crashed, socket, new TimeoutException() }.Select(StatementFailure.RolledBack));
    }

    [Fact]
    public void Only_a_backend_that_ended_or_a_closed_socket_means_the_connection_is_lost()
    {
        var uniqueViolation = new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        var terminated = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);
        var reset = new NpgsqlException("Exception while writing to stream", new IOException("Connection reset by peer"));
        var refused = new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        var exhausted = new NpgsqlException("The connection pool has been exhausted", new TimeoutException());
        var timedOut = new NpgsqlException("Exception while reading from stream", new TimeoutException());

        Assert.Equal([false, true, true, true, false, false],
            new Exception[] { uniqueViolation, terminated, reset, refused, exhausted, timedOut }.Select(StatementFailure.ConnectionLost));
    }
}
