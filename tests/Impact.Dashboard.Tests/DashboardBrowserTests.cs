using System.Net;
using Impact.Analytics.Dashboard;
using Impact.Testing;
using Microsoft.Playwright;

namespace Impact.Dashboard.Tests;

/// <summary>
/// Opens the dashboard in headless Chromium (Debian's package, /usr/bin/chromium; Playwright never downloads a
/// browser here) served from a loopback static file server: every image loads, every local link answers 200, the
/// console stays free of errors, no request leaves the machine. Screenshots land in the test output folder
/// (screenshots/), and the national page's is copied to docs/img/dashboard-index.png (signed in) and
/// docs/img/dashboard-public-index.png (the public site) for people to look at.
/// </summary>
public sealed class DashboardBrowserTests(DashboardSites sites) : IClassFixture<DashboardSites>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Theory]
    [InlineData("index.html", "today-index.png")]
    [InlineData("completude.html", "today-completude.png")]
    public async Task Page_WithoutOptionalSections_LoadsCompletely(string page, string screenshot) =>
        await OpenAndCheckAsync(sites.Today, page, screenshot);

    [Theory]
    [InlineData("index.html", "public-index.png")]
    [InlineData("regions/bretagne.html", "public-region.png")]
    [InlineData("completude.html", "public-completude.png")]
    [InlineData("methodes.html", "public-methodes.png")]
    public async Task PublicPage_LoadsCompletely(string page, string screenshot)
    {
        await OpenAndCheckAsync(sites.Public, page, screenshot);
        if (page == "index.html")
        {
            KeepInDocs(screenshot, "dashboard-public-index.png");
        }
    }

    [Theory]
    [InlineData("index.html", "index.png")]
    [InlineData("completude.html", "completude.png")]
    public async Task Page_WithEverySection_LoadsCompletely(string page, string screenshot)
    {
        await OpenAndCheckAsync(sites.Full, page, screenshot);
        if (page == "index.html")
        {
            KeepInDocs(screenshot, "dashboard-index.png");
        }
    }

    /// <summary>Copies a screenshot to docs/img/ for people to look at.</summary>
    private static void KeepInDocs(string screenshot, string name)
    {
        var docs = Path.Combine(RepositoryPaths.Root, "docs", "img");
        Directory.CreateDirectory(docs);
        File.Copy(Path.Combine(ScreenshotFolder, screenshot), Path.Combine(docs, name), overwrite: true);
    }

    /// <summary>On a phone (390 px wide), the public pages keep their charts' ratio and never scroll sideways.</summary>
    [Theory]
    [InlineData("index.html", "public-index-390.png")]
    [InlineData("regions/bretagne.html", "public-region-390.png")]
    public async Task PublicPage_OnAPhone_KeepsRatiosAndWidth(string page, string screenshot)
    {
        await OpenAndCheckAsync(sites.Public, page, screenshot, width: 390);
        if (page == "index.html")
        {
            KeepInDocs(screenshot, "dashboard-public-index-390.png");
        }
    }

    [Fact]
    public async Task RegionPage_LoadsCompletely()
    {
        var region = sites.Full.First(f => f.Path.StartsWith("regions/", StringComparison.Ordinal)).Path;
        await OpenAndCheckAsync(sites.Full, region, "region.png");
    }

    /// <summary>The number before <paramref name="word"/> in a map's text alternative (0 when absent), thousands separators allowed.</summary>
    private static int MapCount(string alt, string word)
    {
        var match = System.Text.RegularExpressions.Regex.Match(alt, $@"(\d[\d\u00A0\u202F]*) {word}");
        return match.Success ? int.Parse(match.Groups[1].Value.Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task OpenAndCheckAsync(IReadOnlyList<SiteFile> site, string path, string screenshot, int width = 1280)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium).");
        using var server = new SiteServer(site);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "fr-FR" });

        var external = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            var local = url.Scheme is not ("http" or "https") || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip));
            if (!local)
            {
                lock (external)
                {
                    external.Add(route.Request.Url);
                }

                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });

        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) =>
        {
            // Chromium's preload scanner may start fetching a <picture>'s phone variant before it applies the
            // window's width, then aborts it: not an error (the image shown is checked below to be the wide one).
            if (width >= 576 && request.Failure == "net::ERR_ABORTED" && request.Url.EndsWith("-mobile.png", StringComparison.Ordinal))
            {
                return;
            }

            errors.Add($"{request.Url}: {request.Failure}");
        };

        var response = await page.GotoAsync(new Uri(server.BaseAddress, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(200, response!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));

        // Every image has loaded (a broken one has naturalWidth 0).
        // The method page is text only; every other page opened here has charts.
        var charted = path != "methodes.html";
        var images = await page.EvalOnSelectorAllAsync<ImageState[]>("img", "imgs => imgs.map(i => ({ src: i.currentSrc, width: i.naturalWidth, alt: i.alt }))");
        Assert.Equal(charted, images.Length > 0);
        Assert.All(images, i => Assert.True(i.Width > 0, $"{path}: image {i.Src} did not load"));
        Assert.All(images, i => Assert.False(string.IsNullOrWhiteSpace(i.Alt), $"{path}: image {i.Src} has no text alternative"));

        // Every chart keeps its own ratio: the box the page gives it has the image's proportions (the DSFR's
        // fr-content-media would make each 16:9), and no image is wider than the window.
        var boxes = await page.EvalOnSelectorAllAsync<ImageBox[]>(
            "figure img", "imgs => imgs.map(i => ({ src: i.currentSrc, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, boxWidth: i.getBoundingClientRect().width, boxHeight: i.getBoundingClientRect().height }))");
        Assert.Equal(charted, boxes.Length > 0);
        foreach (var box in boxes)
        {
            var natural = (double)box.NaturalWidth / box.NaturalHeight;
            var shown = box.BoxWidth / box.BoxHeight;
            Assert.True(Math.Abs(shown - natural) < 0.01, $"{path} at {width} px: {box.Src} is shown at {shown:0.000}:1, drawn at {natural:0.000}:1");
            Assert.True(box.BoxWidth <= width, $"{path} at {width} px: {box.Src} is {box.BoxWidth} px wide");

            // On a phone, charts come in their phone variant, shown at least half its size: its labels, drawn 1.4
            // times larger, read at 14 × 1.4 / 2 = 10 px or more (the wide chart's would be about 5 px). Maps too,
            // laid out again for it.
            if (width < 576)
            {
                Assert.True(box.Src.EndsWith("-mobile.png", StringComparison.Ordinal), $"{path} at {width} px: {box.Src} is not the phone variant");
                Assert.True(box.BoxWidth >= box.NaturalWidth / 2.0, $"{path} at {width} px: {box.Src} is shown {box.BoxWidth} px wide, drawn {box.NaturalWidth}");
            }
            else if (width >= 576)
            {
                Assert.False(box.Src.EndsWith("-mobile.png", StringComparison.Ordinal), $"{path} at {width} px: {box.Src} is the phone variant");
            }
        }

        // The page never scrolls sideways (wide tables scroll inside their own frame).
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{path} at {width} px: the page is {scrollWidth} px wide");

        // Links that say the same lead to the same place: screen readers list links by their text alone.
        var named = await page.EvalOnSelectorAllAsync<string[][]>("a[href]", "links => links.map(a => [a.textContent.replace(/\\s+/g, ' ').trim(), a.href])");
        foreach (var group in named.GroupBy(l => l[0], StringComparer.Ordinal))
        {
            var targets = group.Select(l => l[1]).Distinct(StringComparer.Ordinal).ToList();
            Assert.True(targets.Count == 1, $"{path}: « {group.Key} » leads to {targets.Count} places: {string.Join(", ", targets.Take(3))}");
        }

        // No table caption is cut: each is shown above its table, within the window, even when the table scrolls
        // sideways, and says the same as the table's own caption (which screen readers read).
        var captions = await page.EvalOnSelectorAllAsync<CaptionState[]>(
            ".table-caption",
            "titles => titles.map(t => ({ right: t.getBoundingClientRect().right, text: t.textContent, caption: t.nextElementSibling.querySelector('caption').textContent }))");
        Assert.Equal(await page.Locator("caption").CountAsync(), captions.Length);
        Assert.All(captions, c =>
        {
            Assert.True(c.Right <= width, $"{path} at {width} px: the caption « {c.Text} » runs to {c.Right:0} px");
            Assert.Equal(c.Caption, c.Text);
        });

        // On a desktop, tables fit the page: cells wrap (fr-table--multiline) rather than scroll sideways.
        if (width >= 1280)
        {
            var wide = await page.EvalOnSelectorAllAsync<string[]>(
                ".fr-table__container",
                "boxes => boxes.filter(b => b.clientWidth > 0 && b.scrollWidth > b.clientWidth + 1).map(b => b.querySelector('caption').textContent)");
            Assert.True(wide.Length == 0, $"{path} at {width} px: tables scroll sideways: {string.Join(" ; ", wide)}");
        }

        // The sites are of a simulated cohort: every page says so, under the header, before anything else.
        Assert.Equal("Données simulées.", await page.InnerTextAsync("header + .fr-notice .fr-notice__title"));

        // Every map counts what it draws: the workshops in its table are those its text alternative counts, and each
        // is drawn as a point, in a numbered badge, or named as off the map.
        var maps = await page.EvalOnSelectorAllAsync<MapState[]>(
            "figure img",
            """
            imgs => imgs.filter(i => i.src.endsWith('carte.png')).map(i => {
              let e = i.closest('figure');
              while (e && e.tagName !== 'DETAILS') e = e.nextElementSibling;
              return { alt: i.alt, rows: e ? e.querySelectorAll('tbody tr').length : -1 };
            })
            """);
        if (path == "index.html" || path.StartsWith("regions/", StringComparison.Ordinal))
        {
            Assert.NotEmpty(maps);
        }

        foreach (var map in maps)
        {
            var counted = MapCount(map.Alt, "manufacture");
            Assert.True(counted == map.Rows, $"{path}: the map's text counts {counted} workshops, its table lists {map.Rows}: « {map.Alt} »");
            var offMap = map.Alt.Contains("Hors de la carte", StringComparison.Ordinal)
                ? map.Alt[(map.Alt.LastIndexOf(" : ", StringComparison.Ordinal) + 3)..].TrimEnd('.').Split(", ").Length
                : 0;
            Assert.Equal(counted, MapCount(map.Alt, "représentée") + MapCount(map.Alt, "regroupée") + offMap);
        }

        // Every local link answers 200 (the server is the site as the static website serves it), but those of the
        // signed-in national pages to what `impact serve` and the Function app render on request (a workshop's page,
        // signing out, the red alerts): SignedInTourTests and FollowUpApiTests open them.
        var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
        using var http = new HttpClient();
        foreach (var link in links.Select(l => new Uri(l)).Select(u => new UriBuilder(u) { Fragment = "" }.Uri).Distinct()
            .Where(u => !u.AbsolutePath.StartsWith("/workshops/", StringComparison.Ordinal) && u.AbsolutePath is not ("/deconnexion" or "/alertes")))
        {
            Assert.True(IPAddress.TryParse(link.Host, out var host) && IPAddress.IsLoopback(host), $"{path}: link to {link} leaves the site");
            using var answer = await http.GetAsync(link);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: link {link} answered {(int)answer.StatusCode}");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, screenshot), FullPage = true });

        Assert.Empty(external);
        Assert.Empty(server.NotFound);
        Assert.True(errors.Count == 0, $"{path} at {width} px: {string.Join(" | ", errors)}");
    }

    /// <summary>An image's drawn size and the box the page gives it.</summary>
    private sealed class ImageBox
    {
        public string Src { get; set; } = "";

        public int NaturalWidth { get; set; }

        public int NaturalHeight { get; set; }

        public double BoxWidth { get; set; }

        public double BoxHeight { get; set; }
    }

    /// <summary>What the page says of an image (Playwright fills it from JSON: settable properties).</summary>
    private sealed class ImageState
    {
        public string Src { get; set; } = "";

        public int Width { get; set; }

        public string Alt { get; set; } = "";
    }

    /// <summary>A map's text alternative and the number of rows of its data table.</summary>
    private sealed class MapState
    {
        public string Alt { get; set; } = "";

        public int Rows { get; set; }
    }

    /// <summary>A table's visible caption: where it ends, its text, and the text of the table's own caption.</summary>
    private sealed class CaptionState
    {
        public double Right { get; set; }

        public string Text { get; set; } = "";

        public string Caption { get; set; } = "";
    }
}
