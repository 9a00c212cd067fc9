using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DvcGrains.Server.Hosting;

/// <summary>Refuses at start an <c>Orleans:GrainCollection</c> section Orleans could not collect idle grains with.</summary>
public sealed class GrainCollectionOptionsValidation : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            problems.Add($"{OrleansOptions.GrainCollectionSection}:CollectionQuantum must be positive, not {options.CollectionQuantum}");
        }
        if (options.CollectionAge <= options.CollectionQuantum)
        {
            problems.Add($"{OrleansOptions.GrainCollectionSection}:CollectionAge must be longer than CollectionQuantum ({options.CollectionQuantum}), not {options.CollectionAge}");
        }
        if (options.MemoryUsageLimitPercentage is < 1 or > 100)
        {
            problems.Add($"{OrleansOptions.GrainCollectionSection}:MemoryUsageLimitPercentage must be a percentage (1 to 100), not {options.MemoryUsageLimitPercentage}");
        }
        if (options.MemoryUsageTargetPercentage is < 1 or > 100 || options.MemoryUsageTargetPercentage >= options.MemoryUsageLimitPercentage)
        {
            problems.Add($"{OrleansOptions.GrainCollectionSection}:MemoryUsageTargetPercentage must be a percentage below MemoryUsageLimitPercentage ({options.MemoryUsageLimitPercentage}), not {options.MemoryUsageTargetPercentage}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
