namespace DvcGrains.Testing;

/// <summary>
/// What a test waits for happens in its own time (KPIs reach parents on a short timer, a standby catches up): a wait
/// polls until what it waits for holds, and past its deadline fails loudly, saying what it waited for or what it saw.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads until <paramref name="done"/> holds of what was read, and returns it; past the deadline returns what it
    /// read last, for the test's own assertion on it to say what differs.
    /// </summary>
    public static async Task<T> Read<T>(Func<Task<T>> read, Func<T, bool> done, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(Pause);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; past the deadline, fails naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, double seconds = 60)
    {
        if (!await Read(condition, holds => holds, seconds))
        {
            throw new TimeoutException($"Waited {seconds:0} s for this in vain: {what}.");
        }
    }

    public static Task Until(Func<bool> condition, string what, double seconds = 60) =>
        Until(() => Task.FromResult(condition()), what, seconds);

    /// <summary>Runs <paramref name="assertion"/> until it passes; past the deadline, its last failure is the test's.</summary>
    public static async Task Holds(Func<Task> assertion, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
