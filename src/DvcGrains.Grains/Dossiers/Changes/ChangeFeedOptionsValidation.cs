using DvcGrains.Abstractions.Dossiers.Changes;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Dossiers.Changes;

/// <summary>Refuses at start a <c>Dvc:Changes</c> section with which no reader could follow the feed.</summary>
public sealed class ChangeFeedOptionsValidation : IValidateOptions<ChangeFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{ChangeFeedOptions.Section}:PollInterval must be positive, not {options.PollInterval}");
        }
        if (options.ReadBatch < 1)
        {
            problems.Add($"{ChangeFeedOptions.Section}:ReadBatch must be at least 1, not {options.ReadBatch}");
        }
        if (options.BufferedChanges < options.ReadBatch)
        {
            problems.Add($"{ChangeFeedOptions.Section}:BufferedChanges must hold at least one read ({options.ReadBatch}), not {options.BufferedChanges}");
        }
        if (options.ReadBytes < 1)
        {
            problems.Add($"{ChangeFeedOptions.Section}:ReadBytes must be at least 1, not {options.ReadBytes}");
        }
        if (options.BufferedBytes < options.ReadBytes)
        {
            problems.Add($"{ChangeFeedOptions.Section}:BufferedBytes must hold at least one read (ReadBytes, {options.ReadBytes}), not {options.BufferedBytes}");
        }
        if (options.StalledWriteTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{ChangeFeedOptions.Section}:StalledWriteTimeout must be positive, not {options.StalledWriteTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
