using Microsoft.Extensions.Options;

namespace DvcGrains.Persistence.Durability;

/// <summary>
/// The primary's synchronous standbys as the <see cref="DatabaseMonitor"/> last saw them, and whether
/// <c>Dvc:Storage:RequireSynchronousStandby</c> demands one: what the commit pipeline and readiness ask before they go on.
/// </summary>
public sealed class SynchronousStandbys(IOptions<StorageOptions> options)
{
    private const int NotSeenYet = -1;

    private volatile int _streaming = NotSeenYet;

    public bool Required => options.Value.RequireSynchronousStandby;

    /// <summary>Synchronous standbys streaming from the primary at the last reading; 0 before the first.</summary>
    public int Streaming => Math.Max(0, _streaming);

    public void Observed(int streaming) => _streaming = streaming;

    /// <summary>Why a commit may not go now, or null when it may: no standby is required, or one streams.</summary>
    public string? Refusal => !Required || _streaming > 0 ? null : _streaming == NotSeenYet
        ? $"The server has not yet seen a synchronous standby of the database, and {StorageOptions.Section}:{nameof(StorageOptions.RequireSynchronousStandby)} " +
          "forbids a commit without one; nothing was written: retry with the same request_id."
        : $"No synchronous standby streams from the database's primary, and {StorageOptions.Section}:{nameof(StorageOptions.RequireSynchronousStandby)} " +
          "forbids a commit without one; nothing was written: retry with the same request_id.";
}
