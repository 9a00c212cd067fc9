namespace DvcGrains.Server.Tests.Harness;

/// <summary>xunit 2 does not dispose a test class whose InitializeAsync threw: one that starts several things disposes itself.</summary>
public sealed class TestClassLifetimeTests
{
    [Fact]
    public async Task A_test_class_whose_second_start_fails_has_disposed_what_the_first_started()
    {
        var test = new TwoStarts();

        await Assert.ThrowsAsync<InvalidOperationException>(test.InitializeAsync);

        Assert.Equal(["first started", "disposed"], test.Events);
    }

    private sealed class TwoStarts : IAsyncLifetime
    {
        public List<string> Events { get; } = [];

        public Task InitializeAsync() => this.InitializeOrDispose(() =>
        {
            Events.Add("first started");
            throw new InvalidOperationException("the second did not start");
        });

        public Task DisposeAsync()
        {
            Events.Add("disposed");
            return Task.CompletedTask;
        }
    }
}
