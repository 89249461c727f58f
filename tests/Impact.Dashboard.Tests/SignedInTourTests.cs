using System.Net;
using Impact.Analytics.Dashboard;
using Impact.Testing;
using Microsoft.Playwright;

namespace Impact.Dashboard.Tests;

/// <summary>
/// The signed-in views in headless Chromium against `impact serve` on a simulated run, as people use them: each signs in
/// on the local sign-in page (a workshop, a second workshop, its coach, another coach, the ministry), lands on their
/// home, sees what their role shows, and gets a French 403 page elsewhere. Every page opened loads its images, logs no
/// error and asks nothing of the internet. Screenshots of the portfolio and of a workshop page, at 1280 and 390 px wide,
/// are kept in docs/img/ for people to look at.
/// </summary>
public sealed class SignedInTourTests(ServedRun run) : IClassFixture<ServedRun>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Workshop_SeesItsPageWithItsLevelOnlyUploadsAndIsRefusedElsewhere()
    {
        await using var tour = await Tour.SignInAsync(run, ServedRun.WorkshopAccount(run.Workshop.WorkshopId));

        Assert.Equal($"/app/workshops/{run.Workshop.WorkshopId}", tour.Path);
        Assert.Equal(run.Workshop.Name, await tour.Page.InnerTextAsync("h1"));
        Assert.Equal(1, await tour.Page.Locator("#risque ~ p .fr-badge").CountAsync());
        Assert.Equal(0, await tour.Page.GetByText("Raisons :").CountAsync());
        await tour.ShootAsync("app-workshop.png", keep: true);
        await tour.ShootAsync("app-workshop-390.png", keep: true, width: 390);

        // The upload form posts the file; the page comes back saying so, with the upload listed.
        var quarter = run.AsOf.ToString();
        await tour.Page.SelectOptionAsync("#depot-trimestre", quarter);
        await tour.Page.SetInputFilesAsync("#depot-fichier", run.SampleReturnPath(run.AsOf));
        await tour.Page.ClickAsync("button[type=submit]");
        await tour.Page.WaitForURLAsync($"**/app/workshops/{run.Workshop.WorkshopId}?depot={quarter}#depots");
        Assert.Equal("Retour reçu", await tour.Page.InnerTextAsync(".fr-alert--success .fr-alert__title"));
        await tour.CheckLoadedAsync();

        await tour.RefusedAsync($"/app/workshops/{run.SecondWorkshop.WorkshopId}");
        await tour.RefusedAsync($"/app/coaches/{run.Coach}");
        await tour.RefusedAsync("/app/national");
    }

    [Fact]
    public async Task SecondWorkshop_SeesItsOwnPageNotTheFirst()
    {
        await using var tour = await Tour.SignInAsync(run, ServedRun.WorkshopAccount(run.SecondWorkshop.WorkshopId));

        Assert.Equal($"/app/workshops/{run.SecondWorkshop.WorkshopId}", tour.Path);
        Assert.Equal(run.SecondWorkshop.Name, await tour.Page.InnerTextAsync("h1"));
        await tour.RefusedAsync($"/app/workshops/{run.Workshop.WorkshopId}");
        await tour.RefusedAsync($"/app/workshops/{run.Workshop.WorkshopId}/graphiques/manufacture-emplois.svg", page: false);
    }

    [Fact]
    public async Task Coach_SeesTheirPortfolioAndTheReasonsOfTheirWorkshops()
    {
        await using var tour = await Tour.SignInAsync(run, run.CoachAccount(run.Coach));

        Assert.Equal($"/app/coaches/{run.Coach}", tour.Path);
        Assert.Equal("Mon portefeuille", await tour.Page.InnerTextAsync("h1"));
        var followed = run.Registry.Workshops.Count(w => w.CoachId == run.Coach);
        // One card per workshop followed, then one per alert, each with its follow-up form (the coach's own portfolio).
        var alertCards = await tour.Page.Locator("#alertes ~ .fr-card").CountAsync();
        Assert.Equal(followed, await tour.Page.Locator("#manufactures ~ .fr-card").CountAsync() - alertCards);
        Assert.Equal(alertCards, await tour.Page.Locator("form[action^='../alertes/']").CountAsync());
        await tour.ShootAsync("app-portfolio.png", keep: true);
        await tour.ShootAsync("app-portfolio-390.png", keep: true, width: 390);

        await tour.Page.Locator($"a[href='../workshops/{run.Workshop.WorkshopId}']").First.ClickAsync();
        await tour.Page.WaitForURLAsync($"**/app/workshops/{run.Workshop.WorkshopId}");
        await tour.CheckLoadedAsync();
        Assert.Equal(1, await tour.Page.GetByText("Raisons :").CountAsync());
        Assert.Equal(FrenchTypography.Text(run.WorkshopRisk.Reasons[0]), await tour.Page.Locator("#risque ~ ul li").First.InnerTextAsync());
        Assert.Equal(0, await tour.Page.Locator("form").CountAsync());

        await tour.RefusedAsync("/app/national");
        await tour.RefusedAsync($"/app/coaches/{run.OtherCoach}");
    }

    [Fact]
    public async Task OtherCoach_IsRefusedTheFirstCoachsPortfolioAndWorkshops()
    {
        await using var tour = await Tour.SignInAsync(run, run.CoachAccount(run.OtherCoach));

        Assert.Equal($"/app/coaches/{run.OtherCoach}", tour.Path);
        await tour.RefusedAsync($"/app/coaches/{run.Coach}");
        await tour.RefusedAsync($"/app/workshops/{run.Workshop.WorkshopId}");
    }

    [Fact]
    public async Task Ministry_SeesTheNationalViewEveryPortfolioAndEveryWorkshopWithReasons()
    {
        await using var tour = await Tour.SignInAsync(run, ServedRun.MinistryAccount);

        Assert.Equal("/app/national", tour.Path);
        Assert.Equal("Manufactures de proximité\u00A0: tableau de bord national", await tour.Page.InnerTextAsync("h1"));

        await tour.OpenAsync($"/app/coaches/{run.Coach}");
        Assert.Equal($"Portefeuille de l'accompagnateur {run.Coach}", await tour.Page.InnerTextAsync("h1"));
        await tour.OpenAsync($"/app/workshops/{run.Workshop.WorkshopId}");
        Assert.Equal(FrenchTypography.Text(run.WorkshopRisk.Reasons[0]), await tour.Page.Locator("#risque ~ ul li").First.InnerTextAsync());

        // Signing out ends the session: the views ask for a sign-in again.
        await tour.Page.ClickAsync("text=Se déconnecter");
        await tour.Page.WaitForURLAsync("**/connexion");
        var again = await tour.Page.GotoAsync(new Uri(run.BaseAddress, "/app/national").ToString());
        Assert.Equal(401, again!.Status);
    }

    /// <summary>One person's session in its own browser context.</summary>
    private sealed class Tour : IAsyncDisposable
    {
        private readonly ServedRun _run;
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;
        private readonly List<string> _errors = [];
        private readonly List<string> _external = [];

        private Tour(ServedRun run, IPlaywright playwright, IBrowser browser, IPage page)
        {
            _run = run;
            _playwright = playwright;
            _browser = browser;
            Page = page;
        }

        public IPage Page { get; }

        public string Path => new Uri(Page.Url).AbsolutePath;

        public static async Task<Tour> SignInAsync(ServedRun run, string account)
        {
            Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium).");
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "fr-FR" });
            var tour = new Tour(run, playwright, browser, await context.NewPageAsync());
            await context.RouteAsync("**/*", async route =>
            {
                var url = new Uri(route.Request.Url);
                if (url.Scheme is "http" or "https" && !(IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))
                {
                    lock (tour._external)
                    {
                        tour._external.Add(route.Request.Url);
                    }

                    await route.AbortAsync();
                    return;
                }

                await route.ContinueAsync();
            });
            tour.Page.Console += (_, message) =>
            {
                // A refused page is expected where the tour asks for one; the browser logs its status as an error.
                if (message.Type == "error" && !message.Text.Contains("status of 403", StringComparison.Ordinal))
                {
                    lock (tour._errors)
                    {
                        tour._errors.Add(message.Text);
                    }
                }
            };
            tour.Page.PageError += (_, error) => tour._errors.Add(error);

            await tour.Page.GotoAsync(new Uri(run.BaseAddress, "/connexion").ToString());
            Assert.Equal(1, await tour.Page.GetByText("Connexion de démonstration, sans mot de passe").CountAsync());
            await tour.Page.ClickAsync($"button[value='{account}']");
            await tour.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await tour.CheckLoadedAsync();
            return tour;
        }

        /// <summary>Opens a view that the reader may see: 200, and everything on it loads.</summary>
        public async Task OpenAsync(string path)
        {
            var response = await Page.GotoAsync(new Uri(_run.BaseAddress, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(200, response!.Status);
            await CheckLoadedAsync();
        }

        /// <summary>Opens a view the reader may not see: a French page « Accès refusé », status 403 (a chart: 403 alone).</summary>
        public async Task RefusedAsync(string path, bool page = true)
        {
            var response = await Page.GotoAsync(new Uri(_run.BaseAddress, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(403, response!.Status);
            if (page)
            {
                Assert.Equal("Accès refusé", await Page.InnerTextAsync("h1"));
                Assert.Equal("Revenir à mon accueil", await Page.InnerTextAsync("main a.fr-link"));
            }
        }

        /// <summary>Every image of the page has loaded and has a text alternative; nothing went wrong so far.</summary>
        public async Task CheckLoadedAsync()
        {
            Assert.Equal("fr", await Page.GetAttributeAsync("html", "lang"));
            var broken = await Page.EvalOnSelectorAllAsync<string[]>("img", "imgs => imgs.filter(i => i.naturalWidth === 0 || !i.alt).map(i => i.src)");
            Assert.Empty(broken);
            Assert.Empty(_errors);
            Assert.Empty(_external);
        }

        public async Task ShootAsync(string name, bool keep, int width = 1280)
        {
            await Page.SetViewportSizeAsync(width, 900);
            Directory.CreateDirectory(ScreenshotFolder);
            await Page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(ScreenshotFolder, name), FullPage = true });
            await Page.SetViewportSizeAsync(1280, 900);
            if (keep)
            {
                var docs = System.IO.Path.Combine(RepositoryPaths.Root, "docs", "img");
                Directory.CreateDirectory(docs);
                File.Copy(System.IO.Path.Combine(ScreenshotFolder, name), System.IO.Path.Combine(docs, name), overwrite: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
