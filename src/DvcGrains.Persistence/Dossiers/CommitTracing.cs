using System.Diagnostics;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The commit's spans. A write is one span in its caller's trace, from its queueing to its batch's answer; a batch
/// commits the writes of many traces in one statement, so it is its own root span linked to each of its writes'
/// (decision 21): parented on one of them, it would sit in that trace alone and hide that others waited on it.
/// </summary>
public static class CommitTracing
{
    public const string SourceName = "DvcGrains.Persistence";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A write waiting for its commit; null when nobody listens.</summary>
    public static Activity? StartWrite(string unitCode)
    {
        var activity = Source.StartActivity("dvc.commit.write");
        activity?.SetTag("dvc.unit_code", unitCode);
        return activity;
    }

    /// <summary>A batch's statement, linked to the writes it commits; null when nobody listens.</summary>
    public static Activity? StartBatch(IEnumerable<ActivityContext> writes, int size)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var links = writes.Where(write => write != default).Select(write => new ActivityLink(write)).ToList();
        var activity = Source.StartActivity("dvc.commit.batch", ActivityKind.Client, parentContext: default, links: links);
        activity?.SetTag("dvc.commit.batch_size", size);
        return activity;
    }
}
