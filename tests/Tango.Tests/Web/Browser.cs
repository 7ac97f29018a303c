using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tango.Store.Staff;
using Tango.Store.Tenants;
using Tango.Tests.Harness;
using Xunit.Abstractions;

namespace Tango.Tests.Web;

/// <summary>
/// One headless Chromium for the browser tests: Debian's (/usr/bin/chromium, installed by .ci/run), never a browser
/// Playwright would download. The tests in this collection run one after another on it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = 120_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser (one Chromium, one test at a time)";
}

/// <summary>A browser session against one test server: generous timeouts for a loaded 2-core machine, and a screenshot per page.</summary>
public sealed class WebSession(BrowserFixture fixture, ITestOutputHelper output, string testName) : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly List<IBrowserContext> _contexts = [];
    private int _shot;

    /// <summary>Where the PNGs go: the test output's TestResults/screenshots/&lt;test&gt;/.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", testName);

    /// <summary>A fresh browser context (its own cookies); phone-sized when asked.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 812 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot; the path goes to the test output so a person can look at it.</summary>
    public async Task<string> ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{++_shot:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    public static async Task CreateUserAsync(TangoServer server, string email, Role role, string tenant = "default") =>
        await server.Services.GetRequiredService<StaffUsers>().CreateOrUpdateAsync(tenant, email, role, Password);

    /// <summary>Signs in through the login form and waits for the dashboard.</summary>
    public static async Task LogInAsync(IPage page, TangoServer server, string email, string tenant = "default")
    {
        await page.GotoAsync(new Uri(server.Address, "/admin").ToString());
        await page.WaitForSelectorAsync("#email");
        await page.FillAsync("#tenant", tenant);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=who]");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
