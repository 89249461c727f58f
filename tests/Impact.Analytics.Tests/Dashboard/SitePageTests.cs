using Impact.Analytics.Dashboard.Pages;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>The page component encodes every text it is given, whatever block carries it, and keeps French letters readable.</summary>
public sealed class SitePageTests
{
    private const string Hostile = "<script>alert('é')</script>";
    private const string Encoded = "&lt;script&gt;alert(&#x27;é&#x27;)&lt;/script&gt;";

    [Fact]
    public void Render_EncodesEveryTextOfEveryBlock()
    {
        var table = new TableBlock(Hostile, [Hostile], [[new LinkInline("\"><script>", Hostile), new BadgeInline(Hostile, "fr-badge--error")]]);
        var html = SitePage.Render(new PageModel("", Hostile,
        [
            new HeadingBlock(1, Hostile, "a\"b"),
            ParagraphBlock.Of(Hostile, "fr-text--lead"),
            new ListBlock([[new TextInline(Hostile)], [new DownloadInline("f.csv", Hostile, Hostile)]]),
            new InfoBlock(Hostile),
            new KeyFiguresBlock([new KeyFigure(Hostile, Hostile)]),
            table,
            new FigureBlock(Hostile, 3, "g.png", Hostile, Hostile, "g.csv", "g.svg", table, 960, 900),
            new QuoteBlock(Hostile, [Hostile, Hostile]),
        ]));

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{Encoded} — Manufactures de proximité</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1 id=\"a&quot;b\">{Encoded}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"fr-text--lead\">{Encoded}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"fr-link\" href=\"&quot;&gt;&lt;script&gt;\">{Encoded}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"fr-responsive-img\" src=\"g.png\" alt=\"{Encoded}\" width=\"960\" height=\"900\" style=\"--ratio: 960 / 900\" />", html, StringComparison.Ordinal);
        // Every place the text was given, encoded: title, h1, lead, list item, download label and format, alert, key
        // figure and label, the table's caption (shown above it and in it), header, link and badge (twice: alone and in
        // the figure), the figure's heading, aria-label, alt and source, its title again in its two download links (for
        // screen readers), the quote's heading and its two paragraphs.
        Assert.Equal(28, html.Split(Encoded).Length - 1);
    }

    [Fact]
    public void Render_StartsWithTheDoctypeAndLeavesNullClassesOut()
    {
        var html = SitePage.Render(new PageModel("../", "Région Bretagne", [new HeadingBlock(2, "Emplois"), ParagraphBlock.Of("Texte.")]));

        Assert.StartsWith("<!doctype html>\n<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Emplois</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Texte.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"../dsfr/dsfr.min.css\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AFigureWithAPhoneVariant_OffersItBelowTheBreakpoint_WithItsOwnRatio()
    {
        var table = new TableBlock("t", ["a"], []);
        var figure = new FigureBlock("Emplois", 3, "g.png", "Texte", "source", "g.csv", "g.svg", table, 960, 500)
        {
            Narrow = new NarrowFigure("g-mobile.png", 640, 600),
        };

        var html = SitePage.Render(new PageModel("", "Page", [figure]));

        var picture = System.Text.RegularExpressions.Regex.Replace(html[html.IndexOf("<picture>", StringComparison.Ordinal)..(html.IndexOf("</picture>", StringComparison.Ordinal) + 10)], @">\s+<", "><");
        Assert.Equal(
            "<picture><source media=\"(max-width: 575.98px)\" srcset=\"g-mobile.png\" width=\"640\" height=\"600\" />"
            + "<img class=\"fr-responsive-img\" src=\"g.png\" alt=\"Texte\" width=\"960\" height=\"500\" style=\"--ratio: 960 / 500; --ratio-narrow: 640 / 600\" /></picture>",
            picture);
        Assert.Contains(
            "<style>.fr-content-media img.fr-responsive-img { aspect-ratio: var(--ratio); } @media (max-width: 575.98px) { .fr-content-media img.fr-responsive-img { aspect-ratio: var(--ratio-narrow, var(--ratio)); } }</style>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ASimulatedCohort_SaysSoUnderTheHeader_AndOnlyThen()
    {
        var simulated = SitePage.Render(new PageModel("", "Vue nationale", [ParagraphBlock.Of("Texte.")]) { Simulated = true });
        var real = SitePage.Render(new PageModel("", "Vue nationale", [ParagraphBlock.Of("Texte.")]));

        var notice = "<div class=\"fr-notice fr-notice--warning\">";
        Assert.True(simulated.IndexOf("</header>", StringComparison.Ordinal) < simulated.IndexOf(notice, StringComparison.Ordinal));
        Assert.Contains("<span class=\"fr-notice__title\">Données simulées.</span> <span class=\"fr-notice__desc\">Les manufactures, les retours et les chiffres de ce tableau de bord sont inventés pour essayer le traitement&#xA0;: ce ne sont pas des statistiques officielles.</span>", simulated, StringComparison.Ordinal);
        Assert.DoesNotContain("fr-notice", real, StringComparison.Ordinal);
        Assert.DoesNotContain("simulé", real, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GivesTheTextFrenchSpacing_ButNotTheTextAUserEdits()
    {
        var html = SitePage.Render(new PageModel("", "Vue nationale",
        [
            ParagraphBlock.Of("Emplois déclarés (colonne « Retours reçus ») : 12 emplois."),
            new TableBlock("Seuil : 1 mois", ["Raisons :"], [[new TextInline("Trésorerie : 0,8 mois")]]),
        ]));

        Assert.Contains("Emplois déclarés (colonne «&#xA0;Retours reçus&#xA0;»)&#xA0;: 12 emplois.", html, StringComparison.Ordinal);
        Assert.Contains(">Seuil&#xA0;: 1 mois<", html, StringComparison.Ordinal);
        Assert.Contains(">Raisons&#xA0;:<", html, StringComparison.Ordinal);
        Assert.Contains(">Trésorerie&#xA0;: 0,8 mois<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Seuil : 1", html, StringComparison.Ordinal);
    }
}
