using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Catalog;

/// <summary>Refuses at start a <c>Dvc:Catalog</c> section with which silos could never sync their catalogs.</summary>
public sealed class CatalogOptionsValidation : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.SyncInterval <= TimeSpan.Zero)
        {
            problems.Add($"{CatalogOptions.Section}:SyncInterval must be positive, not {options.SyncInterval}");
        }
        if (options.ConfirmTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{CatalogOptions.Section}:ConfirmTimeout must be positive, not {options.ConfirmTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
