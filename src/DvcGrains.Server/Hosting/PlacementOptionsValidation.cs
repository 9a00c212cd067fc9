using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// Refuses at start an <c>Orleans:Placement</c> section with a weight or margin outside Orleans' range of 0 to 100
/// (Orleans would refuse it too, but without the key's name).
/// </summary>
public sealed class PlacementOptionsValidation : IValidateOptions<ResourceOptimizedPlacementOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceOptimizedPlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (string Key, int Value)[] settings =
        [
            (nameof(options.CpuUsageWeight), options.CpuUsageWeight),
            (nameof(options.MemoryUsageWeight), options.MemoryUsageWeight),
            (nameof(options.AvailableMemoryWeight), options.AvailableMemoryWeight),
            (nameof(options.MaxAvailableMemoryWeight), options.MaxAvailableMemoryWeight),
            (nameof(options.ActivationCountWeight), options.ActivationCountWeight),
            (nameof(options.LocalSiloPreferenceMargin), options.LocalSiloPreferenceMargin),
        ];
        var failures = settings
            .Where(setting => setting.Value is < 0 or > 100)
            .Select(setting => $"{OrleansOptions.PlacementSection}:{setting.Key} must be between 0 and 100, not {setting.Value}")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
