using System.Net;
using DvcGrains.LoadTests.Target;
using DvcGrains.Server.Edge;
using Grpc.Core;

namespace DvcGrains.LoadTests.Tests.Target;

/// <summary>A JSON route's refusal becomes the contract's code and dvc-error reason, so it is counted as the gRPC one is.</summary>
public sealed class JsonRefusalTests
{
    [Fact]
    public void The_status_body_gives_the_code_the_message_and_the_error_infos_reason()
    {
        const string body = """
            {"code": 10, "message": "version 3 is not the current 4", "details": [
              {"@type": "type.googleapis.com/google.rpc.ResourceInfo", "resourceName": "X"},
              {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "VERSION_CONFLICT", "domain": "dvc.v1"}]}
            """;

        var refusal = JsonRefusal.Of(HttpStatusCode.Conflict, body);

        Assert.Equal(StatusCode.Aborted, refusal.StatusCode);
        Assert.Equal("version 3 is not the current 4", refusal.Status.Detail);
        Assert.Equal("VERSION_CONFLICT", refusal.Trailers.GetValue(DvcErrors.TrailerKey));
    }

    [Fact]
    public void The_body_decides_where_http_is_ambiguous()
    {
        var refusal = JsonRefusal.Of(HttpStatusCode.BadRequest, """{"code": 9, "message": "not received yet"}""");

        Assert.Equal(StatusCode.FailedPrecondition, refusal.StatusCode);
        Assert.Null(refusal.Trailers.GetValue(DvcErrors.TrailerKey));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, "slow down", StatusCode.ResourceExhausted)]
    [InlineData(HttpStatusCode.Unauthorized, "[]", StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.NotFound, """{"code": 99}""", StatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError, "<html>", StatusCode.Unknown)]
    public void Without_a_status_body_the_http_status_gives_the_code(HttpStatusCode http, string body, StatusCode expected)
    {
        var refusal = JsonRefusal.Of(http, body);

        Assert.Equal(expected, refusal.StatusCode);
        Assert.Contains(((int)http).ToString(System.Globalization.CultureInfo.InvariantCulture), refusal.Status.Detail, StringComparison.Ordinal);
    }
}
