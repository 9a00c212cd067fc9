using Grpc.Core;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The silos of a fault test running now, and every process it started, so that all are stopped at the end. Calls go
/// round-robin over them, as a portal behind a load balancer sends them.
/// </summary>
public sealed class Silos(ServerProcess[] silos) : IAsyncDisposable
{
    private const int MaxAttempts = 60;
    private readonly List<ServerProcess> _started = [.. silos];
    private int _next;
    private int _retries;

    public ServerProcess[] Current { get; } = silos;

    /// <summary>Calls that failed and went again (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public int Retries => _retries;

    public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

    /// <summary><paramref name="count"/> silos started together; when one fails to start, the others are stopped.</summary>
    public static async Task<Silos> Start(int count, params string[] args)
    {
        var starting = Enumerable.Range(0, count).Select(_ => ServerProcess.Start(args)).ToList();
        try
        {
            return new(await Task.WhenAll(starting));
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    public void Replace(int index, ServerProcess silo)
    {
        lock (_started)
        {
            _started.Add(silo);
            Current[index] = silo;
        }
    }

    /// <summary>
    /// Round-robin over the silos; a call that fails in transport, or that its silo cannot serve now, goes again,
    /// unchanged (the same request id), to the next silo. INTERNAL is not among them: it would hide a server defect.
    /// </summary>
    public async Task<T> Call<T>(Func<ServerProcess, AsyncUnaryCall<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            ServerProcess silo;
            lock (_started)
            {
                silo = Current[(int)((uint)Interlocked.Increment(ref _next) % Current.Length)];
            }
            try
            {
                return await call(silo);
            }
            catch (RpcException e) when (attempt < MaxAttempts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt, 5)));
            }
        }
    }

    /// <summary>What every silo started logged, for a failing test's message.</summary>
    public string Output()
    {
        lock (_started)
        {
            return string.Join('\n', _started.Select(silo => $"silo on port {silo.GrpcPort}:\n{silo.Output}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _started)
        {
            await silo.DisposeAsync();
        }
    }
}
