namespace DvcGrains.Persistence.Connections;

/// <summary>The configured database is reached through a pooler that shares backends between connections.</summary>
public sealed class TransactionPoolerException : Exception
{
    public TransactionPoolerException()
    {
    }

    public TransactionPoolerException(string message) : base(message)
    {
    }

    public TransactionPoolerException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
