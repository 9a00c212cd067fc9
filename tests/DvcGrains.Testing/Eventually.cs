namespace DvcGrains.Testing;

/// <summary>
/// What a test waits for happens in its own time (KPIs reach parents on a short timer, a standby catches up): reads
/// poll until they see the expected state, or time out, and the test asserts on what they saw last.
/// </summary>
public static class Eventually
{
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
            await Task.Delay(100);
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
}
