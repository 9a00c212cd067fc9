namespace DvcGrains.Persistence.Migrations;

/// <summary>The schema cannot be brought to, or is not at, the version this build needs; the message says what to do.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message) : base(message)
    {
    }

    public MigrationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
