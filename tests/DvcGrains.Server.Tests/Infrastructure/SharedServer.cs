namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>End-to-end tests share one running server; each test works on its own dossiers and units.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<RunningServer>
{
    public const string Name = "server";
}
