using System.Globalization;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Security;
using Grpc.Core;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// How long a server stream stays open: until its client leaves, or its caller's token expires, since a stream must
/// not go on serving a caller that could no longer open it. The stream's work runs on <see cref="Token"/>.
/// </summary>
public sealed class StreamLifetime : IDisposable
{
    private readonly DateTimeOffset? _tokenValidUntil;
    private readonly CancellationTokenSource _expiry;
    private readonly CancellationTokenSource _open;

    private StreamLifetime(ServerCallContext context, TimeProvider clock)
    {
        _tokenValidUntil = context.Caller().TokenValidUntil;
        _expiry = _tokenValidUntil is { } until
            ? new CancellationTokenSource(until - clock.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero, clock)
            : new CancellationTokenSource();
        _open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _expiry.Token);
    }

    public static StreamLifetime Of(ServerCallContext context, TimeProvider clock) => new(context, clock);

    /// <summary>Cancelled when the client leaves or the token expires.</summary>
    public CancellationToken Token => _open.Token;

    public bool TokenExpired => _expiry.IsCancellationRequested;

    /// <summary>The status a stream ends with at its token's expiry; <paramref name="resume"/> says how to go on.</summary>
    public Refusal Expired(Message resume) =>
        DvcErrors.Unauthenticated(EdgeMessages.TokenExpiredInStream.With(_tokenValidUntil?.ToString("u", CultureInfo.InvariantCulture), resume));

    public void Dispose()
    {
        _open.Dispose();
        _expiry.Dispose();
    }
}
