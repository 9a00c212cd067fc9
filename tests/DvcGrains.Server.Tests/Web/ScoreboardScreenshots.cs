using System.Buffers.Binary;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.ReadSide;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// The README's pictures of the scoreboard, on a desktop and on a phone, taken of a server with sample dossiers.
/// <c>DVC_SCREENSHOTS=docs/images dotnet test tests/DvcGrains.Server.Tests --filter FullyQualifiedName~ScoreboardScreenshots</c>
/// writes them there (a relative path is the repository's); without it, to screenshots/ beside the test assembly.
/// </summary>
[Trait("Category", "Browser")]
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
        var folder = Folder();

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
        Assert.Equal((1280, 860), PngSize(desktop));
        Assert.Equal((390, 844), PngSize(phone));
    }

    /// <summary>Waits until the row of <paramref name="unit"/> shows the dossiers the server counts for it this month.</summary>
    private async Task UntilShown(IPage page, string unit, string parent)
    {
        var level = parent == "VN" ? UnitLevel.Province : UnitLevel.Commune;
        var ranking = await site.Server.Kpis.GetRankingAsync(new GetRankingRequest { Level = level, ParentCode = parent, Period = new Period { Kind = PeriodKind.Month } });
        var received = ranking.Entries.Single(entry => entry.Unit.Code == unit).Received;
        await Expect(page.Locator($"#ranking tr[data-unit='{unit}'] td.received")).ToHaveTextAsync(received.ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
    }

    private static string Folder()
    {
        var configured = Environment.GetEnvironmentVariable("DVC_SCREENSHOTS");
        var folder = string.IsNullOrEmpty(configured)
            ? Path.Combine(AppContext.BaseDirectory, "screenshots")
            : Path.GetFullPath(configured, RepositoryRoot());
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DvcGrains.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"No DvcGrains.sln above {AppContext.BaseDirectory}: give DVC_SCREENSHOTS as an absolute path.");
    }

    /// <summary>The width and height in a PNG's header (its IHDR chunk).</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
