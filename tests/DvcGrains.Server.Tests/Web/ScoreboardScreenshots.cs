using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// The README's pictures of the scoreboard, on a desktop and on a phone, taken of a server with sample dossiers.
/// <c>DVC_SCREENSHOTS=docs/images dotnet test tests/DvcGrains.Server.Tests --filter FullyQualifiedName~ScoreboardScreenshots</c>
/// writes them there (a relative path is the repository's); without it, to screenshots/ beside the test assembly.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class ScoreboardScreenshots(ScoreboardSite site) : IClassFixture<ScoreboardSite>
{
    [Fact]
    public async Task The_scoreboard_on_a_desktop_and_on_a_phone()
    {
        SetDefaultExpectTimeout(30_000);
        await SampleDossiers.File(site.Server);
        foreach (var (province, count) in new[] { ("01", 5), ("48", 3), ("22", 2), ("79", 4) })
        {
            await site.FileOnline(province, count);
        }
        var folder = Screenshots.Folder();

        var desktop = Path.Combine(folder, "scoreboard-desktop.png");
        await using (var tab = await site.Open(width: 1280, height: 860))
        {
            await UntilShown(tab.Page, "96", "VN");
            await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop });
            tab.AssertNoConsoleErrors();
        }
        var phone = Path.Combine(folder, "scoreboard-phone.png");
        await using (var tab = await site.Open("#96", width: 390, height: 844))
        {
            await Expect(tab.Page.Locator("#groups li")).ToHaveCountAsync(6);
            var commune = (await site.Server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units[0].Code;
            await UntilShown(tab.Page, commune, "96");
            await Expect(tab.Page.Locator("#levels tbody tr")).Not.ToHaveCountAsync(0);
            await Expect(tab.Page.Locator("#unit-rank")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Hạng \d+/34$"));
            await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = phone });
            tab.AssertNoConsoleErrors();
        }

        // Device pixels: Playwright's default scale factor is 1.
        Assert.Equal((1280, 860), Screenshots.PngSize(desktop));
        Assert.Equal((390, 844), Screenshots.PngSize(phone));
    }

    /// <summary>Waits until the row of <paramref name="unit"/> shows the dossiers the server counts for it this month.</summary>
    private async Task UntilShown(IPage page, string unit, string parent)
    {
        var level = parent == "VN" ? UnitLevel.Province : UnitLevel.Commune;
        var ranking = await site.Server.Kpis.GetRankingAsync(new GetRankingRequest { Level = level, ParentCode = parent, Period = new Period { Kind = PeriodKind.Month } });
        var received = ranking.Entries.Single(entry => entry.Unit.Code == unit).Received;
        await Expect(page.Locator($"#ranking tr[data-unit='{unit}'] td.received")).ToHaveTextAsync(received.ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
    }
}
