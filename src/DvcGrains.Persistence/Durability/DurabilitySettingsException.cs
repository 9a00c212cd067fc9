namespace DvcGrains.Persistence.Durability;

/// <summary>The configured database runs with a setting under which it could lose what the server acknowledges.</summary>
public sealed class DurabilitySettingsException : Exception
{
    public DurabilitySettingsException()
    {
    }

    public DurabilitySettingsException(string message) : base(message)
    {
    }

    public DurabilitySettingsException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
