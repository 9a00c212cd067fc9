using Microsoft.Extensions.Options;

namespace DvcGrains.Persistence;

/// <summary>Refuses at start a <c>Dvc:Storage</c> section the configured storage cannot honour.</summary>
public sealed class StorageOptionsValidation(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.MonitorInterval <= TimeSpan.Zero)
        {
            problems.Add($"{StorageOptions.Section}:{nameof(options.MonitorInterval)} must be positive, not {options.MonitorInterval}");
        }
        if (options.RequireSynchronousStandby && PostgresDatabase.ConnectionString(configuration) is null)
        {
            problems.Add($"{StorageOptions.Section}:{nameof(options.RequireSynchronousStandby)} is on, but no database is configured " +
                $"(ConnectionStrings:{PostgresDatabase.ConnectionStringName}): the embedded default keeps everything in this process's memory and has no standby");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
