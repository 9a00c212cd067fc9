using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>Refuses at start a <c>Dvc:PageTokens</c> section with which no page after the first could be read.</summary>
public sealed class PageTokenOptionsValidation : IValidateOptions<PageTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, PageTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Lifetime > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{PageTokenOptions.Section}:Lifetime must be positive (how long a page's token opens the next, e.g. 01:00:00), not {options.Lifetime}");
    }
}
