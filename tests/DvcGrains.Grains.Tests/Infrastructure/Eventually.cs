namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>KPIs reach units and parents asynchronously: an assertion is retried until it holds, or fails at its deadline.</summary>
public static class Eventually
{
    public static async Task Holds(Func<Task> assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
