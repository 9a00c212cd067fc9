namespace DvcGrains.LoadTests.Cli;

/// <summary>The command line, the configuration file or the target cannot make a run: exit code 2, with a message to act on.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
