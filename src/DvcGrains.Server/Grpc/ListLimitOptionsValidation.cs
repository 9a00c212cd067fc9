using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Refuses at start a <c>Dvc:Lists</c> section that would refuse every list or give pages no room, or, on PostgreSQL, let
/// lists take every connection of the read pool.
/// </summary>
public sealed class ListLimitOptionsValidation(IConfiguration configuration, IOptions<DatabasePoolOptions> pools) : IValidateOptions<ListLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ListLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.MaxConcurrentPerCaller < 1)
        {
            problems.Add($"{ListLimitOptions.Section}:{nameof(options.MaxConcurrentPerCaller)} must be at least 1, not {options.MaxConcurrentPerCaller}: with it every caller's lists would be refused");
        }
        if (options.MaxConcurrent < options.MaxConcurrentPerCaller)
        {
            problems.Add($"{ListLimitOptions.Section}:{nameof(options.MaxConcurrent)} must be at least {nameof(options.MaxConcurrentPerCaller)} ({options.MaxConcurrentPerCaller}), not {options.MaxConcurrent}");
        }
        if (options.PageBytes < 1)
        {
            problems.Add($"{ListLimitOptions.Section}:{nameof(options.PageBytes)} must be at least 1, not {options.PageBytes}");
        }
        if (PostgresDatabase.ConnectionString(configuration) is not null && options.MaxConcurrent >= pools.Value.Reads)
        {
            problems.Add($"{ListLimitOptions.Section}:{nameof(options.MaxConcurrent)} must be below {DatabasePoolOptions.Section}:{nameof(DatabasePoolOptions.Reads)} " +
                $"({pools.Value.Reads}), not {options.MaxConcurrent}: the change feed and the units' recounts read from the same pool");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
