using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>Counts every RPC and its latency by method and status code (never by dossier or request id).</summary>
public sealed class RpcMetricsInterceptor : Interceptor
{
    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "dvc_rpc_duration_seconds",
        "Server-side latency of DvcGrains RPCs, by method and gRPC status code.",
        new HistogramConfiguration
        {
            LabelNames = ["method", "code"],
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });

    private static readonly Counter Calls = Metrics.CreateCounter(
        "dvc_rpc_calls_total", "DvcGrains RPCs handled, by method and gRPC status code.", "method", "code");

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch
        {
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            Record(context.Method, code, started);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            code = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            Record(context.Method, code, started);
        }
    }

    private static void Record(string method, StatusCode code, long started)
    {
        var name = method.TrimStart('/');
        var status = code.ToString();
        Calls.WithLabels(name, status).Inc();
        Duration.WithLabels(name, status).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
