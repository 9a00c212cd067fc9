using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Edge;

/// <summary>Refuses at start a <c>Dvc:Streams</c> section that would refuse every stream, or end every one.</summary>
public sealed class StreamLimitOptionsValidation : IValidateOptions<StreamLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.MaxPerCaller < 1)
        {
            problems.Add($"{StreamLimitOptions.Section}:MaxPerCaller must be at least 1, not {options.MaxPerCaller}: with it every caller's streams would be refused");
        }
        if (options.MaxOpen < 1)
        {
            problems.Add($"{StreamLimitOptions.Section}:MaxOpen must be at least 1, not {options.MaxOpen}: with it every stream would be refused");
        }
        if (options.MaxPerPublicClient < 1)
        {
            problems.Add($"{StreamLimitOptions.Section}:MaxPerPublicClient must be at least 1, not {options.MaxPerPublicClient}: with it every public client's streams would be refused");
        }
        if (options.MaxPublicOpen < 1)
        {
            problems.Add($"{StreamLimitOptions.Section}:MaxPublicOpen must be at least 1, not {options.MaxPublicOpen}: with it every public stream would be refused");
        }
        if (options.StalledWriteTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{StreamLimitOptions.Section}:StalledWriteTimeout must be positive, not {options.StalledWriteTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
