using Microsoft.Extensions.Options;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>Refuses at start a <c>Dvc:Storage:CommitPipeline</c> section with which no write could commit.</summary>
public sealed class CommitPipelineOptionsValidation : IValidateOptions<CommitPipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, CommitPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        AtLeastOne(problems, nameof(options.Lanes), options.Lanes);
        AtLeastOne(problems, nameof(options.MaxBatchSize), options.MaxBatchSize);
        AtLeastOne(problems, nameof(options.MaxWaiting), options.MaxWaiting);
        Positive(problems, nameof(options.QueueTimeout), options.QueueTimeout);
        Positive(problems, nameof(options.DrainTimeout), options.DrainTimeout);
        Positive(problems, nameof(options.CommitTimeout), options.CommitTimeout);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void AtLeastOne(List<string> problems, string key, int value)
    {
        if (value < 1)
        {
            problems.Add($"{CommitPipelineOptions.Section}:{key} must be at least 1, not {value}");
        }
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{CommitPipelineOptions.Section}:{key} must be positive, not {value}");
        }
    }
}
