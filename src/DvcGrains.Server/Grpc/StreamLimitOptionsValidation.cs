using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>Refuses at start a <c>Dvc:Streams</c> section that would refuse every stream.</summary>
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
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
