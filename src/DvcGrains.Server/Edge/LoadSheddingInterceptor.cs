using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Prometheus;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Sheds load before the silo drowns: past <see cref="LoadSheddingOptions.MaxConcurrentCalls"/> calls in flight, a
/// new call is refused with RESOURCE_EXHAUSTED (OVERLOADED) at once, which a portal may retry later. A stream counts
/// for as long as it is open. It guards the contract's calls only: health checks and reflection always answer, so that
/// an overloaded server still says how it is.
/// </summary>
public sealed class LoadSheddingInterceptor : Interceptor
{
    private static readonly Gauge InFlight = Metrics.CreateGauge(
        "dvc_grpc_calls_in_flight", "Calls of the contract's services in flight now (unary calls, and streams while open), which load shedding counts.");

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
        Admit(context);
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            Leave();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            Leave();
        }
    }

    private void Admit(ServerCallContext context)
    {
        if (Interlocked.Increment(ref _inFlight) > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            throw RefusalLimit.Refused(context, RefusalLimit.ServerCalls,
                DvcErrors.Overloaded(EdgeMessages.ServerCallsFull.With(_limit, context.Method)));
        }
        InFlight.Inc();
    }

    private void Leave()
    {
        InFlight.Dec();
        Interlocked.Decrement(ref _inFlight);
    }
}

public sealed class LoadSheddingOptions
{
    public const string Section = "Dvc:LoadShedding";

    /// <summary>Calls in flight (open streams included) on one server before new ones are refused.</summary>
    public int MaxConcurrentCalls { get; set; } = 10_000;
}
