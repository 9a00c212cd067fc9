namespace DvcGrains.LoadTests.Engine;

/// <summary>
/// A command whose last answer left it in doubt (UNAVAILABLE, a deadline): sending the same request with the same
/// request_id again tells whether it applied, and <see cref="Resend"/> then counts it in the tally.
/// </summary>
public sealed record PendingCommand(string Scenario, string Step, Func<Grpc.Core.CallOptions, Task> Resend);
