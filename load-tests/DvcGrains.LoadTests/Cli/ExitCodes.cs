namespace DvcGrains.LoadTests.Cli;

/// <summary>The tool's exit codes, as scripts and CI read them.</summary>
public static class ExitCodes
{
    /// <summary>A valid run; every threshold held and --verify found no mismatch.</summary>
    public const int Passed = 0;

    /// <summary>A threshold failed, --verify found a mismatch, or the run is invalid (the generator fell behind).</summary>
    public const int Failed = 1;

    /// <summary>A usage error, or the server could not be reached: nothing was measured.</summary>
    public const int Usage = 2;
}
