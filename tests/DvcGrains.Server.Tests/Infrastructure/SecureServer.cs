using DvcGrains.Api.V1;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>A server with TLS and bearer tokens, its test PKI, and clients that carry a given token.</summary>
public sealed class SecureServer : IAsyncLifetime
{
    public SecureServer() : this([])
    {
    }

    private SecureServer(string[] extraArgs) => Server = RunningServer.Secure(Pki, extraArgs);

    /// <summary>A secure server with extra configuration arguments (<c>--Key value</c>).</summary>
    public static SecureServer WithArguments(params string[] extraArgs) => new(extraArgs);

    public TestPki Pki { get; } = new();
    public RunningServer Server { get; }

    public Dossiers.DossiersClient Dossiers(string token) => new(TestPki.Bearer(Server.Channel, token));

    public Catalog.CatalogClient Catalog(string token) => new(TestPki.Bearer(Server.Channel, token));

    public Api.V1.Kpis.KpisClient Kpis(string token) => new(TestPki.Bearer(Server.Channel, token));

    public Task InitializeAsync() => Server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}

/// <summary>Security tests share one secure server; each works on its own dossiers and units.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSecureServer : ICollectionFixture<SecureServer>
{
    public const string Name = "secure server";
}
