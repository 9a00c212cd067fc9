using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace DvcGrains.Server.Tests.Edge;

public sealed class FaultTranslationInterceptorTests
{
    private readonly FaultTranslationInterceptor _interceptor = new(NullLogger<FaultTranslationInterceptor>.Instance);

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(OperationCanceledException))]
    [InlineData(typeof(Orleans.Runtime.SiloUnavailableException))]
    [InlineData(typeof(Orleans.Storage.InconsistentStateException))]
    [InlineData(typeof(Npgsql.NpgsqlException))]
    [InlineData(typeof(DvcGrains.Abstractions.Dossiers.DossierStoreUnavailableException))]
    public async Task A_failure_inside_the_cluster_becomes_unavailable_with_its_reason(Type failure)
    {
        var e = await Assert.ThrowsAsync<Refusal>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new TestCallContext(), (_, _) => throw (Exception)Activator.CreateInstance(failure)!));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("UNAVAILABLE", e.Trailers.GetValue("dvc-error"));
        Assert.Equal(("UNAVAILABLE", "dvc.v1"), (e.Details().Info().Reason, e.Details().Info().Domain));
        Assert.Contains(failure.Name, e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("retry", e.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Only a command can have been applied; its retry under the same request id tells whether it was.</summary>
    [Fact]
    public async Task A_failed_command_may_have_been_applied_and_a_failed_read_changed_nothing()
    {
        var command = await Assert.ThrowsAsync<Refusal>(() => _interceptor.UnaryServerHandler<Api.V1.StartProcessingRequest, string>(
            new Api.V1.StartProcessingRequest(), new TestCallContext(), (_, _) => throw new TimeoutException()));
        var read = await Assert.ThrowsAsync<Refusal>(() => _interceptor.UnaryServerHandler<Api.V1.GetDossierRequest, string>(
            new Api.V1.GetDossierRequest(), new TestCallContext(), (_, _) => throw new TimeoutException()));

        Assert.Contains("may or may not have been applied: retry with the same request_id", command.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed; retry shortly.", read.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bug_is_not_disguised_as_unavailable()
    {
        var bug = new InvalidOperationException("bug");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new TestCallContext(), (_, _) => throw bug));

        Assert.Same(bug, e);
    }

    [Fact]
    public async Task A_contract_error_passes_unchanged()
    {
        var refused = DvcErrors.InvalidArgument("meta", EdgeMessages.MetaRequired.Alone());

        var e = await Assert.ThrowsAsync<Refusal>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new TestCallContext(), (_, _) => throw refused));

        Assert.Same(refused, e);
    }
}
