using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Audit;

/// <summary>Refuses at start a <c>Dvc:Audit</c> section that would keep no read or append none.</summary>
public sealed class ReadAuditOptionsValidation : IValidateOptions<ReadAuditOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.Retention < TimeSpan.FromDays(1))
        {
            problems.Add($"{ReadAuditOptions.Section}:Retention must be at least a day (how long a read stays on record, e.g. 365.00:00:00), not {options.Retention}");
        }
        if (options.MaxWaiting < 1)
        {
            problems.Add($"{ReadAuditOptions.Section}:MaxWaiting must be at least 1 (reads held before they are appended), not {options.MaxWaiting}");
        }
        if (options.MaxBatch is < 1 or > 100_000)
        {
            problems.Add($"{ReadAuditOptions.Section}:MaxBatch must be 1 to 100000 (reads appended at once), not {options.MaxBatch}");
        }
        if (options.AppendEvery < TimeSpan.Zero || options.AppendEvery > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{ReadAuditOptions.Section}:AppendEvery must be 0 to 00:01:00 (how long a batch gathers reads, e.g. 00:00:00.250), not {options.AppendEvery}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
