namespace DvcGrains.Testing;

/// <summary>Waits for a condition with a deadline, never for a fixed time: what a test waits for it names.</summary>
public static class Condition
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds; past the deadline, fails naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = deadline ?? DefaultDeadline;
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for this in vain: {what}.");
            }
            await Task.Delay(20);
        }
    }

    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(condition()), what, deadline);
}
