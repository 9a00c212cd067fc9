using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Kpis;

/// <summary>Refuses at start a <c>Dvc:Kpis</c> section that would score nonsense, naming each faulty setting.</summary>
public sealed class KpiOptionsValidation : IValidateOptions<KpiOptions>
{
    public ValidateOptionsResult Validate(string? name, KpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Index766.Problems().Select(problem => $"{KpiOptions.Section}:Index766:{problem}").ToList();
        if (options.RollupInterval <= TimeSpan.Zero)
        {
            problems.Add($"{KpiOptions.Section}:RollupInterval must be positive, not {options.RollupInterval}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
