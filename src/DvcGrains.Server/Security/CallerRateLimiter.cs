using System.Threading.RateLimiting;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Observability;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>
/// Calls per second per authenticated caller (a token's subject), as a token bucket: one portal looping on a command
/// cannot take the capacity every other portal shares. Over the limit a call is
/// refused with RESOURCE_EXHAUSTED (OVERLOADED) before it does any work.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly RateLimitOptions _options;

    public CallerRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        if (_options.PerSecond > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(identity => RateLimitPartition.GetTokenBucketLimiter(identity, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(_options.Burst, _options.PerSecond),
                TokensPerPeriod = _options.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    public void Admit(string identity, ServerCallContext context)
    {
        if (_limiter is null)
        {
            return;
        }
        using var lease = _limiter.AttemptAcquire(identity);
        if (!lease.IsAcquired)
        {
            throw RefusalLimit.Refused(context, RefusalLimit.CallerRate, DvcErrors.Overloaded(
                EdgeMessages.CallerRate.With(QuotedInput.Of(identity), _options.PerSecond, Math.Max(_options.Burst, _options.PerSecond), context.Method),
                lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null));
        }
    }

    public void Dispose() => _limiter?.Dispose();
}

/// <summary>The <c>Dvc:RateLimit</c> section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Dvc:RateLimit";

    /// <summary>
    /// Calls per second each caller may make to one silo, sustained; 0 turns the limit off. Well below the 4,600-4,900
    /// durable commands per second one silo served in docs/benchmarks.md, so that one portal cannot take a silo's
    /// whole write path; a national campaign peak (3,000 commands/s over three silos) is half of it.
    /// </summary>
    public int PerSecond { get; set; } = 2_000;

    /// <summary>Calls a caller may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 4_000;
}
