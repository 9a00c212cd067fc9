using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Dossiers.Erasure;

/// <summary>Refuses at start a <c>Dvc:Retention</c> section that would erase at once, never, or without bound.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    /// <summary>Fewer than this erases what the desks still work with: a returned dossier may be asked about for weeks.</summary>
    public static readonly TimeSpan ShortestPeriod = TimeSpan.FromDays(30);

    public const int LargestBatch = 1_000;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.PersonalDataAfter < TimeSpan.Zero || (options.Enabled && options.PersonalDataAfter < ShortestPeriod))
        {
            problems.Add($"{RetentionOptions.Section}:PersonalDataAfter must be 0 (keep for good) or at least {ShortestPeriod.TotalDays} days, e.g. 1826.00:00:00 for five years, not {options.PersonalDataAfter}");
        }
        if (options.BatchSize is < 1 or > LargestBatch)
        {
            problems.Add($"{RetentionOptions.Section}:BatchSize must be from 1 to {LargestBatch}, not {options.BatchSize}");
        }
        if (options.Interval <= TimeSpan.Zero)
        {
            problems.Add($"{RetentionOptions.Section}:Interval must be positive, not {options.Interval}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
