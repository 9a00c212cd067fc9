using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Prometheus;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Sheds load before the silo drowns: past <see cref="LoadSheddingOptions.MaxConcurrentCalls"/> calls in flight, a
/// new call is refused with RESOURCE_EXHAUSTED (OVERLOADED) at once, which a portal may retry later. It guards the
/// contract's unary calls only: health checks and reflection always answer, so that an overloaded server still says
/// how it is.
/// </summary>
public sealed class LoadSheddingInterceptor : Interceptor
{
    private static readonly Gauge InFlight = Metrics.CreateGauge(
        "dvc_grpc_calls_in_flight", "Unary calls of the contract's services in flight now, which load shedding counts.");

    private static readonly Gauge Limit = Metrics.CreateGauge(
        "dvc_grpc_calls_in_flight_limit", "Calls in flight past which new ones are shed with RESOURCE_EXHAUSTED (Dvc:LoadShedding:MaxConcurrentCalls).");

    private readonly int _limit;
    private int _inFlight;

    public LoadSheddingInterceptor(IOptions<LoadSheddingOptions> options)
    {
        _limit = options.Value.MaxConcurrentCalls;
        Limit.Set(_limit);
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Interlocked.Increment(ref _inFlight) > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            throw DvcErrors.Overloaded($"The server has {_limit} calls in flight and sheds load; retry {context.Method} shortly.");
        }
        InFlight.Inc();
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            InFlight.Dec();
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
