using System.Text.RegularExpressions;
using Impact.Analytics.Dashboard;
using MiniExcelLibs;

namespace Impact.Analytics.Tests.Dashboard;

public sealed partial class SiteBuilderTests
{
    private static readonly IReadOnlyList<SiteFile> Site = SiteBuilder.Build(SiteSamples.Tiny());

    private static readonly IReadOnlyList<SiteFile> FullSite =
        SiteBuilder.Build(SiteSamples.Tiny() with { RiskScores = SiteSamples.Risk(), Evaluation = SiteSamples.Evaluation() });

    /// <summary>The DSFR files embedded by Dashboard/DsfrAssets.targets, served under dsfr/.</summary>
    private static readonly string[] DsfrFiles =
    [
        "dsfr/dsfr.min.css",
        "dsfr/favicon/favicon.svg",
        "dsfr/fonts/Marianne-Bold.woff2",
        "dsfr/fonts/Marianne-Light.woff2",
        "dsfr/fonts/Marianne-Medium.woff2",
        "dsfr/fonts/Marianne-Regular.woff2",
        "dsfr/fonts/Marianne-Regular_Italic.woff2",
        "dsfr/icons/arrows/arrow-down-s-line.svg",
        "dsfr/icons/arrows/arrow-right-line.svg",
        "dsfr/icons/arrows/arrow-right-s-line.svg",
        "dsfr/icons/arrows/arrow-up-s-line.svg",
        "dsfr/icons/system/close-line.svg",
        "dsfr/icons/system/download-line.svg",
        "dsfr/icons/system/external-link-line.svg",
        "dsfr/icons/system/fr--error-fill.svg",
        "dsfr/icons/system/fr--info-fill.svg",
        "dsfr/icons/system/fr--success-fill.svg",
        "dsfr/icons/system/fr--warning-fill.svg",
        "dsfr/icons/system/menu-fill.svg",
    ];

    /// <summary>A chart's files: its phone variant, data, image and vector image.</summary>
    private static IEnumerable<string> Chart(string stem) => [stem + "-mobile.png", stem + ".csv", stem + ".png", stem + ".svg"];

    [Fact]
    public void Build_TinyInputGivesExactlyTheseFiles()
    {
        string[] regionCharts = ["carte", "completude", "emplois", "vitalite"];
        var expected = new List<string>
        {
            "accessibilite.html", "completude.html", "donnees-personnelles.html",
            "donnees/agregats.csv", "donnees/completude.csv", "donnees/indicateurs.csv", "donnees/indicateurs.xlsx",
            "index.html", "methodes.html", "regions/bourgogne-franche-comte.html", "regions/hauts-de-france.html",
        };
        expected.AddRange(DsfrFiles);
        foreach (var region in new[] { "bourgogne-franche-comte", "hauts-de-france" })
        {
            expected.AddRange(regionCharts.SelectMany(c => Chart($"graphiques/regions/{region}-{c}")));
        }

        expected.AddRange(new[] { "carte", "completude", "emplois", "part-recettes-propres-par-vague", "vitalite-par-territoire" }.SelectMany(c => Chart("graphiques/" + c)));
        expected.Sort(StringComparer.Ordinal);

        Assert.Equal(expected, Site.Select(f => f.Path));
    }

    [Fact]
    public void MethodsPage_IsOnTheSite_LinkedFromEveryPage_AndStatesTheRunsOwnRules()
    {
        var site = SiteBuilder.Build(SiteSamples.Tiny() with { DeadlineDays = 45, FollowUpQuarters = 2, Audience = SiteAudience.Public });
        var methods = System.Text.Encoding.UTF8.GetString(site.Single(f => f.Path == "methodes.html").Content);

        Assert.Contains("<h1 class=\"fr-mt-2w\">Sources et méthodes</h1>", methods, StringComparison.Ordinal);
        Assert.Contains("au plus tard 45 jours après la fin du trimestre", methods, StringComparison.Ordinal);
        Assert.Contains("jusqu&#x27;à 2 trimestres après la fin de son accompagnement", methods, StringComparison.Ordinal);
        Assert.Contains("moins de 3 manufactures", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/", methods, StringComparison.Ordinal);
        foreach (var page in site.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)))
        {
            var root = page.Path.Contains('/', StringComparison.Ordinal) ? "../" : "";
            Assert.Contains($"href=\"{root}methodes.html\">Sources et méthodes</a>", System.Text.Encoding.UTF8.GetString(page.Content), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("docs/indicators.md", System.Text.Encoding.UTF8.GetString(site.Single(f => f.Path == "index.html").Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithRiskAndEvaluationAddsTheirCharts()
    {
        var added = FullSite.Select(f => f.Path).Except(Site.Select(f => f.Path)).Order(StringComparer.Ordinal);
        Assert.Equal([.. Chart("graphiques/evaluation-etude-evenement"), .. Chart("graphiques/niveaux-de-risque")], added);
    }

    [Fact]
    public void Build_ContentTypesFollowTheExtension()
    {
        Assert.All(Site, f => Assert.Equal(SiteFile.ContentTypeOf(f.Path), f.ContentType));
        Assert.Equal("text/html; charset=utf-8", Site.Single(f => f.Path == "index.html").ContentType);
        Assert.Equal("image/svg+xml", Site.First(f => f.Path.EndsWith(".svg", StringComparison.Ordinal)).ContentType);
    }

    [Fact]
    public void Build_SameInputGivesTheSameBytes()
    {
        var again = SiteBuilder.Build(SiteSamples.Tiny());
        Assert.Equal(Site.Select(f => f.Path), again.Select(f => f.Path));
        Assert.All(Site.Zip(again), pair => Assert.True(pair.First.Content.AsSpan().SequenceEqual(pair.Second.Content), pair.First.Path));
    }

    [Fact]
    public void Pages_ReferenceNothingOutsideTheSite()
    {
        foreach (var page in FullSite.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)))
        {
            // The legal pages link to the Défenseur des droits and the CNIL, for readers to follow: links, never loads.
            var html = LegalPages.ExternalLinks.Aggregate(SiteSamples.Text(FullSite, page.Path), (text, url) => text.Replace($"href=\"{url}\"", "href=\"\"", StringComparison.Ordinal));
            Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
            Assert.DoesNotContain("//", LinkTargets(html).Where(t => t.StartsWith("//", StringComparison.Ordinal)));
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }

        // The DSFR's CSS names the SVG namespace inside data: URIs only; every url() it loads is relative.
        var css = SiteSamples.Text(FullSite, "dsfr/dsfr.min.css");
        var urls = CssUrls().Matches(css).Select(m => m.Groups[1].Value.Trim('"', '\'')).ToList();
        Assert.NotEmpty(urls);
        Assert.DoesNotContain(urls, u => !u.StartsWith("data:", StringComparison.Ordinal) && u.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_EveryLocalLinkAndImageIsAFileOfTheSite()
    {
        var paths = FullSite.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var page in FullSite.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)))
        {
            var folder = page.Path.Contains('/', StringComparison.Ordinal) ? page.Path[..(page.Path.LastIndexOf('/') + 1)] : "";
            foreach (var target in LinkTargets(SiteSamples.Text(FullSite, page.Path)))
            {
                var file = target.Split('#')[0];
                if (file.Length == 0 || LegalPages.ExternalLinks.Contains(file) || file.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var resolved = Uri.UnescapeDataString(new Uri(new Uri("file:///site/" + folder), file).AbsolutePath["/site/".Length..]);
                // A workshop's page, signing out and the red alerts are served on request (SignedInSite), never built here.
                var onRequest = resolved.StartsWith("workshops/", StringComparison.Ordinal) || resolved is "deconnexion" or "alertes";
                Assert.True(paths.Contains(resolved) || onRequest, $"{page.Path} links to {target}, which is not in the site");
            }
        }
    }

    [Fact]
    public void Pages_AreFrenchAndAccessible()
    {
        foreach (var page in FullSite.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)))
        {
            var html = SiteSamples.Text(FullSite, page.Path);
            Assert.StartsWith("<!doctype html>\n<html lang=\"fr\"", html, StringComparison.Ordinal);
            Assert.Contains("class=\"fr-skiplinks\"", html, StringComparison.Ordinal);
            Assert.Contains("<p class=\"fr-logo\">République<br>française</p>", html, StringComparison.Ordinal);
            Assert.Equal(1, Regex.Count(html, "<h1[ >]"));
            Assert.All(Images().Matches(html), m => Assert.Matches("alt=\"[^\"]{20,}\"", m.Value));
            Assert.Equal(Regex.Count(html, "<table>"), Regex.Count(html, "<caption>"));
            // Headings never skip a level.
            var levels = Headings().Matches(html).Select(m => m.Groups[1].Value[0] - '0').ToList();
            Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"{page.Path}: h{pair.First} then h{pair.Second}"));
        }
    }

    [Fact]
    public void WorkshopPage_EscapesTheNarrative()
    {
        const string narrative = "Bonne saison <script>alert('x')</script> & <b>record</b> de visiteurs";
        var html = new SignedInSite(SiteSamples.Tiny(narrative)).WorkshopPage("MP-002", SiteSamples.Ministry, []);
        Assert.Contains("<p>Bonne saison &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;record&lt;/b&gt; de visiteurs</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_SayInFrenchWhatIsNotYetAvailable()
    {
        var index = SiteSamples.Text(Site, "index.html");
        Assert.Contains("Les scores de risque de difficulté ne sont pas encore disponibles", index, StringComparison.Ordinal);
        Assert.Contains("L&#x27;évaluation d&#x27;impact n&#x27;est pas encore disponible", index, StringComparison.Ordinal);
        Assert.Contains("Le score de risque de difficulté n&#x27;est pas encore disponible", new SignedInSite(SiteSamples.Tiny()).WorkshopPage("MP-001", SiteSamples.Ministry, []), StringComparison.Ordinal);

        var full = SiteSamples.Text(FullSite, "index.html");
        Assert.DoesNotContain("pas encore disponible", full, StringComparison.Ordinal);
        Assert.Contains("La labellisation a augmenté l&#x27;effectif salarié d&#x27;environ 1,2 emploi par manufacture.", full, StringComparison.Ordinal);
        var workshop = new SignedInSite(SiteSamples.Tiny() with { RiskScores = SiteSamples.Risk(), Evaluation = SiteSamples.Evaluation() }).WorkshopPage("MP-001", SiteSamples.Ministry, []);
        Assert.Contains("Rouge (risque élevé)", workshop, StringComparison.Ordinal);
        Assert.Contains("<li>Trésorerie négative (découvert de 500 €).</li>", workshop, StringComparison.Ordinal);
    }

    [Fact]
    public void Downloads_AreTheRunFilesWithFormulasNeutralised()
    {
        var input = SiteSamples.Tiny();
        var hostile = input with
        {
            Indicators = [.. input.Indicators.Select(s => s with { Region = "=HYPERLINK(\"x\")", CoachId = "@C-01" })],
        };
        var site = SiteBuilder.Build(hostile);
        var csv = SiteSamples.Text(site, "donnees/indicateurs.csv").Split('\n');
        Assert.Equal(string.Join(",", Impact.Analytics.Indicators.IndicatorCsv.Columns), csv[0]);
        Assert.StartsWith("MP-001,2023-Q3,1,\"'=HYPERLINK(\"\"x\"\")\",rural,'@C-01,active,7,in,0,20000,0,2000,0.1,", csv[1], StringComparison.Ordinal);

        using var xlsx = new MemoryStream(site.Single(f => f.Path == "donnees/indicateurs.xlsx").Content);
        var rows = xlsx.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("'=HYPERLINK(\"x\")", rows[0]["region"]);
        Assert.Equal("'@C-01", rows[0]["coach_id"]);
        Assert.Equal(-500d, Convert.ToDouble(rows[1]["cash_end"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> LinkTargets(string html) =>
        LinkAttributes().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("(?:href|src)=\"([^\"]*)\"")]
    private static partial Regex LinkAttributes();

    [GeneratedRegex("<img [^>]*>")]
    private static partial Regex Images();

    [GeneratedRegex("<h([1-6])[ >]")]
    private static partial Regex Headings();

    [GeneratedRegex(@"url\(([^)]*)\)")]
    private static partial Regex CssUrls();
}
