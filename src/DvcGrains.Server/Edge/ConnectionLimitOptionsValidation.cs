using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Edge;

/// <summary>Refuses at start a <c>Dvc:Connections</c> section that would refuse every call or that Kestrel cannot take.</summary>
public sealed class ConnectionLimitOptionsValidation : IValidateOptions<ConnectionLimitOptions>
{
    /// <summary>Kestrel checks data rates once a second: a shorter grace would judge a body by less than one look.</summary>
    private static readonly TimeSpan MinGracePeriod = TimeSpan.FromSeconds(2);

    public ValidateOptionsResult Validate(string? name, ConnectionLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = ConnectionLimitOptions.Section;
        List<string> problems = [];
        if (options.MaxConcurrentConnections < 1)
        {
            problems.Add($"{Section}:MaxConcurrentConnections must be the connections the server keeps open at once, at least 1, not {options.MaxConcurrentConnections}");
        }
        if (options.MaxStreamsPerConnection < 1)
        {
            problems.Add($"{Section}:MaxStreamsPerConnection must be the calls one HTTP/2 connection may have open, at least 1, not {options.MaxStreamsPerConnection}");
        }
        if (options.MaxRequestHeadersTotalSize < 4 * 1024)
        {
            problems.Add($"{Section}:MaxRequestHeadersTotalSize must be at least 4096 bytes, room for a bearer token and a call's headers, not {options.MaxRequestHeadersTotalSize}");
        }
        if (options.MaxRequestHeaderCount < 16)
        {
            problems.Add($"{Section}:MaxRequestHeaderCount must be at least 16, the headers a gRPC call carries with a token, not {options.MaxRequestHeaderCount}");
        }
        if (!(options.MinRequestBodyDataRate > 0))
        {
            problems.Add($"{Section}:MinRequestBodyDataRate must be the bytes per second below which a request's body is too slow, more than 0, not {options.MinRequestBodyDataRate}");
        }
        if (options.MinRequestBodyDataRateGracePeriod < MinGracePeriod || options.MinRequestBodyDataRateGracePeriod > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:MinRequestBodyDataRateGracePeriod must be from 00:00:02 to 00:05:00, not {options.MinRequestBodyDataRateGracePeriod}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
