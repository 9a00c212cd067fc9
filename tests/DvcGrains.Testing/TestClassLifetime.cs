namespace DvcGrains.Testing;

/// <summary>
/// xunit 2 disposes a fixture whose <see cref="Xunit.IAsyncLifetime.InitializeAsync"/> threw, but not a test class: a test
/// class that starts several things in it disposes itself when a later start fails, so that nothing it started (a
/// PostgreSQL, a server process) outlives it. Its <see cref="Xunit.IAsyncLifetime.DisposeAsync"/> disposes what was started.
/// </summary>
public static class TestClassLifetime
{
    public static async Task InitializeOrDispose(this Xunit.IAsyncLifetime test, Func<Task> initialize)
    {
        try
        {
            await initialize();
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }
}
