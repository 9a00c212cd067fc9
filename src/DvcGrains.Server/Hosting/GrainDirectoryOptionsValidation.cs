using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DvcGrains.Server.Hosting;

/// <summary>Refuses at start an <c>Orleans:GrainDirectoryCache</c> section whose cache could hold no address.</summary>
public sealed class GrainDirectoryOptionsValidation : IValidateOptions<GrainDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.CacheSize < 1
            ? ValidateOptionsResult.Fail($"{OrleansOptions.GrainDirectorySection}:CacheSize must be at least 1, not {options.CacheSize}")
            : ValidateOptionsResult.Success;
    }
}
