using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.Lookup;

namespace DvcGrains.Server.Tests.Web;

/// <summary>A server of the embedded default with a <see cref="LateDossier"/> filed, and a headless browser.</summary>
public sealed class LookupSite : IAsyncLifetime
{
    public RunningServer Server { get; } = new();

    public HeadlessChromium Chromium { get; } = new();

    public LateDossier Late { get; private set; } = null!;

    /// <summary>The look-up page as a citizen opens it, at the address without its trailing slash.</summary>
    public Task<BrowserTab> Open(int width, int height, string fragment = "") =>
        BrowserTab.Open(Chromium, $"{Server.WebAddress}/tra-cuu{fragment}", width, height);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await Chromium.InitializeAsync();
        Late = await LateDossier.File(Server);
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Server.DisposeAsync();
    }
}
