using DvcGrains.Persistence.Dossiers;
using Microsoft.Extensions.Options;

namespace DvcGrains.Persistence.Connections;

/// <summary>Refuses at start a <c>Dvc:Storage:Pools</c> section with which a pool could not serve what it is for.</summary>
public sealed class DatabasePoolOptionsValidation(IOptions<CommitPipelineOptions> pipeline) : IValidateOptions<DatabasePoolOptions>
{
    /// <summary>Membership, the durability barrier, a settling commit and the database's monitor may each hold one at once.</summary>
    private const int LeastCluster = 4;

    public ValidateOptionsResult Validate(string? name, DatabasePoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.Cluster < LeastCluster)
        {
            problems.Add($"{DatabasePoolOptions.Section}:{nameof(options.Cluster)} must be at least {LeastCluster}, not {options.Cluster}: " +
                "membership, the durability barrier, settling and the database's monitor each hold a connection at once");
        }
        var lanes = pipeline.Value.Lanes;
        if (options.Commits <= 2 * lanes)
        {
            problems.Add($"{DatabasePoolOptions.Section}:{nameof(options.Commits)} must be more than twice {CommitPipelineOptions.Section}:{nameof(CommitPipelineOptions.Lanes)} " +
                $"({2 * lanes}), not {options.Commits}: each lane holds one connection and opens another while a commit it gave up finishes, and grains read and write their state beside them");
        }
        if (options.Reads < 1)
        {
            problems.Add($"{DatabasePoolOptions.Section}:{nameof(options.Reads)} must be at least 1, not {options.Reads}");
        }
        if (options.ListStatementTimeout < TimeSpan.FromMilliseconds(1))
        {
            problems.Add($"{DatabasePoolOptions.Section}:{nameof(options.ListStatementTimeout)} must be at least a millisecond, not {options.ListStatementTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
