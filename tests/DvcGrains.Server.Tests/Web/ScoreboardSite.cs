using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>A server of the embedded default (its scoreboard open at / of the web address) and a headless browser.</summary>
public sealed class ScoreboardSite : IAsyncLifetime
{
    public RunningServer Server { get; } = new();
    public HeadlessChromium Chromium { get; } = new();

    public Task<BrowserTab> Open(string fragment = "", int width = 1280, int height = 900, bool testClock = false) =>
        BrowserTab.Open(Chromium, $"{Server.WebAddress}/{fragment}", width, height, testClock: testClock);

    /// <summary>Files <paramref name="count"/> online dossiers in a commune of <paramref name="province"/>, just now; returns the commune.</summary>
    public async Task<Unit> FileOnline(string province, int count)
    {
        var commune = (await Server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units[0];
        var procedure = (await Server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        for (var i = 0; i < count; i++)
        {
            await Server.Dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddSeconds(-5)),
                UnitCode = commune.Code,
                ProcedureCode = procedure,
                Channel = Channel.Online,
            });
        }
        return commune;
    }

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await Chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Server.DisposeAsync();
    }
}
