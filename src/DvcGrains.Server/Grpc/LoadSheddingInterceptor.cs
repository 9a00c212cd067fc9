using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Sheds load before the silo drowns: past <see cref="LoadSheddingOptions.MaxConcurrentCalls"/> calls in flight, a
/// new call is refused with RESOURCE_EXHAUSTED (OVERLOADED) at once, which a portal may retry later.
/// </summary>
public sealed class LoadSheddingInterceptor(IOptions<LoadSheddingOptions> options) : Interceptor
{
    private readonly int _limit = options.Value.MaxConcurrentCalls;
    private int _inFlight;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Interlocked.Increment(ref _inFlight) > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            throw DvcErrors.Overloaded($"The server has {_limit} calls in flight and sheds load; retry {context.Method} shortly.");
        }
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

public sealed class LoadSheddingOptions
{
    public const string Section = "Dvc:LoadShedding";

    /// <summary>Unary calls in flight on one server before new ones are refused.</summary>
    public int MaxConcurrentCalls { get; set; } = 10_000;
}
