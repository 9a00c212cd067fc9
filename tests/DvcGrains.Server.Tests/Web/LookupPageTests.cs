using System.Globalization;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.Lookup;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// The look-up page (/tra-cuu) in a real browser on a desktop and a phone: a citizen types the receipt's codes and sees
/// the dossier's progress as a timeline and its apology slip; a wrong code gets a message in Vietnamese. The README's
/// pictures are taken of the first test:
/// <c>DVC_SCREENSHOTS=docs/images dotnet test tests/DvcGrains.Server.Tests --filter FullyQualifiedName~LookupPageTests</c>.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class LookupPageTests : IClassFixture<LookupSite>
{
    private static readonly string[] Steps =
    [
        "Mới đăng ký", "Được tiếp nhận", "Đang xử lý", "Yêu cầu bổ sung giấy tờ", "Đang xử lý", "Yêu cầu thực hiện nghĩa vụ tài chính",
        "Đang xử lý", "Hẹn trả kết quả",
    ];

    private readonly LookupSite _site;

    public LookupPageTests(LookupSite site)
    {
        _site = site;
        SetDefaultExpectTimeout(20_000);
    }

    private LateDossier Late => _site.Late;

    [Theory]
    [InlineData(1280, 860)]
    [InlineData(390, 844)]
    public async Task A_citizen_sees_the_dossiers_progress_as_a_timeline_and_its_apology_slip(int width, int height)
    {
        await using var tab = await _site.Open(width, height);
        var addresses = new List<string>();
        tab.Page.Request += (_, request) => addresses.Add(request.Url);

        await LookUp(tab.Page, Late.DossierId, $"{Late.LookupCode[..4].ToLowerInvariant()} {Late.LookupCode[4..]}");

        await Expect(tab.Page.Locator("#steps li .what")).ToHaveTextAsync(Steps);
        await Expect(tab.Page.Locator("#status")).ToHaveTextAsync("Đang xử lý");
        await Expect(tab.Page.Locator("#timeliness")).ToHaveTextAsync("Quá hạn");
        await Expect(tab.Page.Locator("#procedure")).ToHaveTextAsync(Late.Procedure.Name);
        await Expect(tab.Page.Locator("#unit")).ToHaveTextAsync(Late.Unit.Name);
        await Expect(tab.Page.Locator("#submitted")).ToHaveTextAsync(Shown(Late.SubmittedAt));
        await Expect(tab.Page.Locator("#appointment")).ToHaveTextAsync(Shown(Late.NewAppointment));
        var slip = tab.Page.Locator(".slip");
        await Expect(slip).ToHaveCountAsync(1);
        await Expect(slip.Locator(".reason")).ToHaveTextAsync(LateDossier.ApologyReason);
        await Expect(slip.Locator(".new-appointment")).ToHaveTextAsync(Shown(Late.NewAppointment));
        await Expect(tab.Page.Locator("#error")).ToBeHiddenAsync();
        var text = await tab.Page.Locator("body").InnerTextAsync();
        Assert.All(LateDossier.Withheld, withheld => Assert.DoesNotContain(withheld, text, StringComparison.OrdinalIgnoreCase));
        // The look-up code went in a request's body: no address the browser asked for or shows holds it.
        Assert.Contains(addresses, address => address.EndsWith($"/v1/dossiers/{Late.DossierId}:lookup", StringComparison.Ordinal));
        Assert.All(addresses.Append(tab.Page.Url), address => Assert.DoesNotContain(Late.LookupCode[4..], address, StringComparison.OrdinalIgnoreCase));
        Assert.EndsWith($"/tra-cuu/#{Late.DossierId}", tab.Page.Url, StringComparison.Ordinal);
        await AssertLaidOut(tab.Page, width);
        tab.AssertNoConsoleErrors();
        await Picture(tab.Page, width, height);
    }

    [Fact]
    public async Task A_wrong_code_is_told_in_vietnamese_and_shows_no_dossier()
    {
        await using var tab = await _site.Open(390, 844, $"#{Late.DossierId}");

        await Expect(tab.Page.Locator("#dossier-id")).ToHaveValueAsync(Late.DossierId);
        await LookUp(tab.Page, null, Late.LookupCode == "HJKMNPRT" ? "HJKMNPRW" : "HJKMNPRT");

        await Expect(tab.Page.Locator("#error")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("#error")).ToHaveTextAsync(EdgeMessages.LookupNotFound.With(Late.DossierId).In(Language.Vietnamese));
        await Expect(tab.Page.Locator("#dossier")).ToBeHiddenAsync();
    }

    private static async Task LookUp(IPage page, string? dossierId, string lookupCode)
    {
        if (dossierId is not null)
        {
            await page.GetByLabel("Mã hồ sơ").FillAsync(dossierId);
        }
        await page.GetByLabel("Mã tra cứu").FillAsync(lookupCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
    }

    /// <summary>The README's picture of the page: a desktop's window, or a phone's whole page as a citizen scrolls it.</summary>
    private static async Task Picture(IPage page, int width, int height)
    {
        var phone = IsPhone(width);
        var path = Path.Combine(Screenshots.Folder(), phone ? "lookup-phone.png" : "lookup-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = phone });
        var (shotWidth, shotHeight) = Screenshots.PngSize(path);
        Assert.Equal(width, shotWidth);
        Assert.True(phone ? shotHeight > height : shotHeight == height, $"{path} is {shotHeight} pixels high");
    }

    /// <summary>A phone shows the form above the dossier and scrolls only down; a desktop shows them side by side.</summary>
    private static async Task AssertLaidOut(IPage page, int width)
    {
        var form = (await page.Locator("#lookup").BoundingBoxAsync())!;
        var dossier = (await page.Locator("#dossier").BoundingBoxAsync())!;
        if (IsPhone(width))
        {
            Assert.True(dossier.Y >= form.Y + form.Height, $"the dossier ({dossier.Y}) is below the form ({form.Y + form.Height})");
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page is wider than the phone");
        }
        else
        {
            Assert.True(dossier.X >= form.X + form.Width, $"the dossier ({dossier.X}) is beside the form ({form.X + form.Width})");
        }
    }

    /// <summary>Below the page's breakpoint (48rem) it lays out for a phone.</summary>
    private static bool IsPhone(int width) => width < 768;

    /// <summary>An instant as the page shows it: Vietnam time, day/month/four-digit year and hour:minute.</summary>
    private static string Shown(DateTimeOffset instant) => VietnamTime.ToVietnam(instant).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
