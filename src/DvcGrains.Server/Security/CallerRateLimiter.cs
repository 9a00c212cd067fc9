using System.Threading.RateLimiting;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>
/// Calls per second, as token buckets: per authenticated caller (a token's subject), so that one portal looping on a
/// command cannot take the capacity every other portal shares; and apart from them, per public client and for all
/// public clients of one server together, so that the public page and the look-up, however many clients they have,
/// take at most their own share. Over a limit a call is refused with RESOURCE_EXHAUSTED (OVERLOADED) before its
/// request is read.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    /// <summary>The one partition of <see cref="_allPublic"/>.</summary>
    private const string ThePublic = "public";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string>? _callers;
    private readonly PartitionedRateLimiter<string>? _publicClients;
    private readonly PartitionedRateLimiter<string>? _allPublic;

    public CallerRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _callers = Buckets(_options.PerSecond, _options.Burst);
        _publicClients = Buckets(_options.PublicPerSecond, _options.PublicBurst);
        _allPublic = Buckets(_options.PublicTotalPerSecond, _options.PublicTotalPerSecond);
    }

    /// <summary>Takes one call from <paramref name="caller"/>'s buckets, or throws the refusal to answer.</summary>
    public void Admit(Caller caller, HttpContext http, string method)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsPublic)
        {
            Take(_publicClients, caller.Subject, http, RefusalLimit.PublicRate,
                () => EdgeMessages.CallerRate.With(QuotedInput.Of(caller.Subject), _options.PublicPerSecond, Math.Max(_options.PublicBurst, _options.PublicPerSecond), method));
            Take(_allPublic, ThePublic, http, RefusalLimit.PublicRate,
                () => EdgeMessages.PublicRate.With(_options.PublicTotalPerSecond, method));
        }
        else if (caller.Subject.Length > 0)
        {
            Take(_callers, caller.Subject, http, RefusalLimit.CallerRate,
                () => EdgeMessages.CallerRate.With(QuotedInput.Of(caller.Subject), _options.PerSecond, Math.Max(_options.Burst, _options.PerSecond), method));
        }
    }

    public void Dispose()
    {
        _callers?.Dispose();
        _publicClients?.Dispose();
        _allPublic?.Dispose();
    }

    private static void Take(PartitionedRateLimiter<string>? buckets, string key, HttpContext http, string limit, Func<Message> why)
    {
        if (buckets is null)
        {
            return;
        }
        using var lease = buckets.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw RefusalLimit.Refused(http, limit,
                DvcErrors.Overloaded(why(), lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null));
        }
    }

    /// <summary>A bucket per key of <paramref name="perSecond"/> calls a second and <paramref name="burst"/> at once; null for 0, no limit.</summary>
    private static PartitionedRateLimiter<string>? Buckets(int perSecond, int burst) => perSecond <= 0 ? null
        : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, perSecond),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
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

    /// <summary>
    /// Calls per second one public client (an address, an IPv6 /64) may make to one silo; 0 turns it off. A scoreboard
    /// page makes a few calls a view and one a second while it watches; a look-up one a search.
    /// </summary>
    public int PublicPerSecond { get; set; } = 20;

    /// <summary>Calls a public client may make at once after a quiet spell (a page's first load).</summary>
    public int PublicBurst { get; set; } = 60;

    /// <summary>
    /// Calls per second all public clients together may make to one silo; 0 turns it off. The reads they may make are
    /// cached (rankings for a second, reports per version), so this bounds the work the public brings far below what
    /// the portals need.
    /// </summary>
    public int PublicTotalPerSecond { get; set; } = 2_000;
}
