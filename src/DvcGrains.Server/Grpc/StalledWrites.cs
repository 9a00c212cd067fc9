using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// A server stream's write that its client does not take within a time: the stream is ended, so that a reader that
/// does not read holds no slot, no buffer and no database snapshot for long. Such a client cannot read a status either: over
/// HTTP/2 the stream is reset with ENHANCE_YOUR_CALM, which gRPC clients report as RESOURCE_EXHAUSTED; over HTTP/1.1
/// (a JSON stream) its connection is closed. Either way the client reconnects as after any end of its stream.
/// </summary>
public static class StalledWrites
{
    private const int EnhanceYourCalm = 0xb;

    /// <summary>Writes <paramref name="message"/>; false when the write did not complete within <paramref name="timeout"/> and the stream was ended.</summary>
    public static async Task<bool> Write<T>(
        IServerStreamWriter<T> stream, T message, ServerCallContext context, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var write = stream.WriteAsync(message, cancellationToken);
        if (await CompletesWithin(write, timeout, clock))
        {
            return true;
        }
        End(context.GetHttpContext());
        await write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return false;
    }

    private static async Task<bool> CompletesWithin(Task write, TimeSpan timeout, TimeProvider clock)
    {
        if (write.IsCompleted)
        {
            await write;
            return true;
        }
        try
        {
            await write.WaitAsync(timeout, clock);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void End(HttpContext http)
    {
        if (http.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(EnhanceYourCalm);
        }
        else
        {
            http.Abort();
        }
    }
}
