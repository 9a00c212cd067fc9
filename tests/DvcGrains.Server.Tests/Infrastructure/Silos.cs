using Grpc.Core;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The silos of a fault test: those running now, which calls go to round-robin as a portal behind a load balancer
/// sends them, and every process started, so that all are stopped at the end whatever happened.
/// </summary>
public sealed class Silos(IEnumerable<ServerProcess> silos) : IAsyncDisposable
{
    private const int MaxAttempts = 60;
    private readonly List<ServerProcess> _started = [.. silos];
    private readonly List<ServerProcess> _current = [.. silos];
    private int _next;
    private int _retries;

    /// <summary>The silos calls go to now.</summary>
    public IReadOnlyList<ServerProcess> Current
    {
        get
        {
            lock (_started)
            {
                return [.. _current];
            }
        }
    }

    /// <summary>Calls that failed and went again (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public int Retries => _retries;

    /// <summary>Silos started at once; when one fails to start, those that did are stopped before the failure is thrown.</summary>
    public static async Task<Silos> Start(IEnumerable<Func<Task<ServerProcess>>> silos) =>
        new(await ServerProcess.StartAll([.. silos.Select(start => start())]));

    /// <summary><paramref name="count"/> silos with the same arguments.</summary>
    public static Task<Silos> Start(int count, params string[] args) =>
        Start(Enumerable.Range(0, count).Select(_ => (Func<Task<ServerProcess>>)(() => ServerProcess.Start(args))));

    public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

    /// <summary>A silo takes the place of another (a restart, or a silo stopped while a new one starts).</summary>
    public void Replace(ServerProcess leaving, ServerProcess coming)
    {
        lock (_started)
        {
            _started.Add(coming);
            _current[_current.IndexOf(leaving)] = coming;
        }
    }

    /// <summary>A new silo joins the ones calls go to.</summary>
    public void Add(ServerProcess coming)
    {
        lock (_started)
        {
            _started.Add(coming);
            _current.Add(coming);
        }
    }

    /// <summary>A silo calls no longer go to (it is about to stop); it is still stopped at the end.</summary>
    public void Remove(ServerProcess leaving)
    {
        lock (_started)
        {
            _current.Remove(leaving);
        }
    }

    /// <summary>
    /// Round-robin over the silos; a call that fails in transport, or that its silo cannot serve now, goes again,
    /// unchanged (the same request id), to the next silo. INTERNAL is not among them: it would hide a server defect.
    /// </summary>
    public async Task<T> Call<T>(Func<ServerProcess, AsyncUnaryCall<T>> call)
    {
        var earlier = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            ServerProcess silo;
            lock (_started)
            {
                silo = _current[(int)((uint)Interlocked.Increment(ref _next) % _current.Count)];
            }
            try
            {
                return await call(silo);
            }
            catch (RpcException e) when (attempt < MaxAttempts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                earlier.Add($"silo on port {silo.GrpcPort} answered {e.StatusCode} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: {e.Status.Detail}");
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt, 5)));
            }
            catch (RpcException e) when (earlier.Count > 0)
            {
                // What the attempts before met is what explains a refusal after a retry (an outcome that was unknown).
                var detail = $"{e.Status.Detail} (silo on port {silo.GrpcPort}, attempt {attempt}; before it: {string.Join("; ", earlier)})";
                throw new RpcException(new Status(e.StatusCode, detail), e.Trailers);
            }
        }
    }

    /// <summary>What every silo started logged, for a failing test's output.</summary>
    public string Output()
    {
        lock (_started)
        {
            return string.Join("\n", _started.Select(silo => $"silo on port {silo.GrpcPort}:\n{silo.Output}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ServerProcess> started;
        lock (_started)
        {
            started = [.. _started];
        }
        foreach (var silo in started)
        {
            await silo.DisposeAsync();
        }
    }
}
