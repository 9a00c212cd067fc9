namespace DvcGrains.Server.Observability;

/// <summary>The tags that sort the health checks into the two questions a probe asks.</summary>
public static class HealthTags
{
    /// <summary>The process answers (/health/live): a failing one is restarted.</summary>
    public const string Live = "live";

    /// <summary>The server takes traffic (/health/ready and grpc.health.v1): a failing one is drained.</summary>
    public const string Ready = "ready";
}
