using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>Refuses at start a <c>Dvc:RateLimit</c> section that would refuse every caller or make no sense.</summary>
public sealed class RateLimitOptionsValidation : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.PerSecond < 0)
        {
            problems.Add($"{RateLimitOptions.Section}:PerSecond must be the calls per second a caller may make, or 0 to turn the limit off, not {options.PerSecond}");
        }
        if (options.Burst < 0)
        {
            problems.Add($"{RateLimitOptions.Section}:Burst must be the calls a caller may make at once (at least PerSecond is used), not {options.Burst}");
        }
        if (options.PublicPerSecond < 0)
        {
            problems.Add($"{RateLimitOptions.Section}:PublicPerSecond must be the calls per second one public client may make, or 0 to turn the limit off, not {options.PublicPerSecond}");
        }
        if (options.PublicBurst < 0)
        {
            problems.Add($"{RateLimitOptions.Section}:PublicBurst must be the calls a public client may make at once (at least PublicPerSecond is used), not {options.PublicBurst}");
        }
        if (options.PublicTotalPerSecond < 0)
        {
            problems.Add($"{RateLimitOptions.Section}:PublicTotalPerSecond must be the calls per second all public clients together may make, or 0 to turn the limit off, not {options.PublicTotalPerSecond}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
