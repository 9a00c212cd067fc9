namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>How a <see cref="ServerProcess"/> starts, beyond its arguments.</summary>
public sealed record ProcessLaunch
{
    /// <summary>Environment variables of its own, e.g. the standard <c>OTEL_*</c>, or libfaketime's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A command the server runs under, which then runs <c>dotnet</c> in its own process (e.g. <c>ip netns exec NAME</c>).</summary>
    public IReadOnlyList<string> Wrapper { get; init; } = [];

    /// <summary>
    /// Files the process makes that a kill leaves behind (libfaketime's shared memory, named by its pid): deleted once
    /// it is killed or has exited, as everything a test starts is stopped.
    /// </summary>
    public Func<int, IEnumerable<string>> LeavesBehind { get; init; } = _ => [];

    /// <summary>The address it serves gRPC, metrics and the web on, and its silo is reached at.</summary>
    public string Host { get; init; } = "127.0.0.1";
}
