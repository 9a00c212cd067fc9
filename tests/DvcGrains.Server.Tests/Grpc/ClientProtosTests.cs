using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf.Reflection;

namespace DvcGrains.Server.Tests.Grpc;

/// <summary>
/// A client in another language is generated from dvc.proto and every proto it imports, and reads the rich errors
/// with theirs: the README says where each of Google's common protos comes from (those of google/protobuf ship with
/// protoc).
/// </summary>
public sealed class ClientProtosTests
{
    [Fact]
    public void The_readme_names_every_common_proto_a_client_needs_and_where_they_are()
    {
        var needed = Imports(DvcReflection.Descriptor)
            .Concat(new[] { Google.Rpc.Status.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor, Google.Rpc.RetryInfo.Descriptor }
                .Select(message => message.File.Name))
            .Where(file => !file.StartsWith("google/protobuf/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["google/api/annotations.proto", "google/api/http.proto", "google/rpc/status.proto", "google/rpc/error_details.proto"]), needed);
        Assert.All(needed, file => Assert.Contains($"`{file}`", DeployFiles.Readme, StringComparison.Ordinal));
        Assert.Contains("github.com/googleapis/googleapis", DeployFiles.Readme, StringComparison.Ordinal);
        Assert.Contains("import \"google/api/annotations.proto\";", DeployFiles.Contract, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Imports(FileDescriptor file) =>
        file.Dependencies.SelectMany(dependency => Imports(dependency).Prepend(dependency.Name));
}
