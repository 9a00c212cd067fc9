using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Edge;

/// <summary>Refuses at start a <c>Dvc:LoadShedding</c> section that would shed every call.</summary>
public sealed class LoadSheddingOptionsValidation : IValidateOptions<LoadSheddingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoadSheddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxConcurrentCalls < 1
            ? ValidateOptionsResult.Fail(
                $"{LoadSheddingOptions.Section}:MaxConcurrentCalls must be at least 1, not {options.MaxConcurrentCalls}: with it the server would shed every call")
            : ValidateOptionsResult.Success;
    }
}
