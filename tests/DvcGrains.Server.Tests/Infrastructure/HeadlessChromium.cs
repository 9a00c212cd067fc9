using Microsoft.Playwright;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, headless, driven by Playwright. Playwright's own browser download cannot run on these machines:
/// it launches the system's browser instead (.ci/run installs it).
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's chromium headless, and {ExecutablePath} is missing: install it with "
                + "`apt-get update && apt-get install -y chromium chromium-driver` (as .ci/run does), then run them again.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>
/// One page in a fresh browser context, as a reader in Vietnam sees it, with what the page wrote to its console as
/// errors (and uncaught exceptions) kept for the test to check.
/// </summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                // A failed request's message names no address; its location does.
                Record($"console: {message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => Record($"uncaught: {error}");
    }

    public IPage Page { get; }

    /// <param name="testCa">The server's certificate is the test CA's, which the browser does not know.</param>
    /// <param name="testClock">The page's timers run on Playwright's clock (<c>Page.Clock</c>), which a test moves on.</param>
    public static async Task<BrowserTab> Open(HeadlessChromium chromium, string url, int width = 1280, int height = 900, bool testCa = false, bool testClock = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = testCa,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (testClock)
        {
            await context.Clock.InstallAsync();
        }
        var tab = new BrowserTab(context, await context.NewPageAsync());
        await tab.Page.GotoAsync(url);
        return tab;
    }

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, $"the page reported errors:\n{string.Join('\n', _errors)}");
        }
    }

    public ValueTask DisposeAsync() => new(_context.CloseAsync());

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
