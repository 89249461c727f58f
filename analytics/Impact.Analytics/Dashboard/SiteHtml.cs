using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The HTML of the site's pages in the DSFR's markup: the page frame (skip links, header with the "République
/// française" block, main content, footer), and the components the pages use (figures with their data tables,
/// download links, alerts). Every text that comes from data (names, narratives, reasons) goes through
/// <see cref="E"/>, the HTML encoder: no data is ever written as markup.
/// </summary>
internal static class SiteHtml
{
    /// <summary>The name of the service, in the header and page titles.</summary>
    public const string ServiceName = "Manufactures de proximité";

    /// <summary>The tagline under the service name.</summary>
    public const string ServiceTagline = "Tableau de bord de l'impact du dispositif";

    /// <summary>Encodes &lt;, &gt;, &amp;, quotes and control characters; leaves French letters readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The HTML-encoded text, safe in element content and in quoted attribute values.</summary>
    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    /// <summary>A whole page. <paramref name="root"/> is the relative path from the page to the site root ("" or "../").</summary>
    public static string Page(string root, string title, string mainHtml)
    {
        var b = new StringBuilder(mainHtml.Length + 4096);
        b.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="fr" data-fr-scheme="light">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="format-detection" content="telephone=no">
            <title>{E(title)} — {E(ServiceName)}</title>
            <link rel="stylesheet" href="{root}dsfr/dsfr.min.css">
            <link rel="icon" href="{root}dsfr/favicon/favicon.svg" type="image/svg+xml">
            </head>
            <body>
            <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
            <li><a class="fr-link" href="#contenu">Contenu</a></li>
            <li><a class="fr-link" href="#navigation">Menu</a></li>
            <li><a class="fr-link" href="#pied-de-page">Pied de page</a></li>
            </ul>
            </nav>
            </div>
            <header role="banner" class="fr-header">
            <div class="fr-header__body">
            <div class="fr-container">
            <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
            <div class="fr-header__brand-top">
            <div class="fr-header__logo">
            <p class="fr-logo">République<br>française</p>
            </div>
            </div>
            <div class="fr-header__service">
            <a href="{root}index.html" title="Accueil — {E(ServiceName)}">
            <p class="fr-header__service-title">{E(ServiceName)}</p>
            </a>
            <p class="fr-header__service-tagline">{E(ServiceTagline)}</p>
            </div>
            </div>
            </div>
            </div>
            </div>
            </header>
            <nav id="navigation" class="fr-container fr-mt-2w" role="navigation" aria-label="Menu principal">
            <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li><a class="fr-btn fr-btn--secondary" href="{root}index.html">Vue nationale</a></li>
            <li><a class="fr-btn fr-btn--secondary" href="{root}index.html#regions">Régions</a></li>
            <li><a class="fr-btn fr-btn--secondary" href="{root}completude.html">Complétude des retours</a></li>
            <li><a class="fr-btn fr-btn--secondary" href="{root}index.html#telechargements">Téléchargements</a></li>
            </ul>
            </nav>
            <main id="contenu" role="main" tabindex="-1">
            <div class="fr-container fr-mb-8w">

            """);
        b.Append(mainHtml);
        b.Append(CultureInfo.InvariantCulture, $"""
            </div>
            </main>
            <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
            <div class="fr-footer__body">
            <div class="fr-footer__brand fr-enlarge-link">
            <a href="{root}index.html" title="Retour à l'accueil du tableau de bord">
            <p class="fr-logo">République<br>française</p>
            </a>
            </div>
            <div class="fr-footer__content">
            <p class="fr-footer__content-desc">Tableau de bord du dispositif « Manufactures de proximité » du plan de relance : emplois, vitalité économique, complétude des retours trimestriels, risque de difficulté et évaluation d'impact. Site statique produit par le traitement trimestriel ; il ne charge aucune ressource extérieure.</p>
            </div>
            </div>
            <div class="fr-footer__bottom">
            <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="{root}accessibilite.html">Accessibilité : non conforme</a></li>
            <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="{root}index.html#sources">Sources et méthodes</a></li>
            </ul>
            <div class="fr-footer__bottom-copy">
            <p>Sauf mention contraire, les contenus de ce site sont proposés sous licence Etalab 2.0 (Licence Ouverte). Système de design de l'État (DSFR) : licence Etalab 2.0.</p>
            </div>
            </div>
            </div>
            </footer>
            </body>
            </html>

            """);
        return b.ToString();
    }

    /// <summary>
    /// A chart as a figure: the PNG with its text alternative, a caption with the source, links to the SVG and the
    /// CSV, and the data table (with its caption) in a disclosure right after it.
    /// </summary>
    public static string Figure(string root, string folder, Chart chart, string source, int headingLevel = 3)
    {
        var png = $"{root}{folder}{chart.Name}.png";
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"""
            <h{headingLevel} class="fr-mt-6w">{E(chart.Title)}</h{headingLevel}>
            <figure class="fr-content-media fr-my-2w" role="group" aria-label="{E(chart.Title)}">
            <img class="fr-responsive-img" src="{E(png)}" alt="{E(chart.AltText)}">
            <figcaption class="fr-content-media__caption">Source : {E(source)}.</figcaption>
            </figure>
            <ul class="fr-links-group fr-links-group--inline">
            <li>{Download($"{root}{folder}{chart.Name}.csv", "Données du graphique", "CSV")}</li>
            <li>{Download($"{root}{folder}{chart.Name}.svg", "Image vectorielle du graphique", "SVG")}</li>
            </ul>
            <details class="fr-mb-4w">
            <summary>Afficher les données du graphique en tableau</summary>

            """);
        b.Append(Table(chart.Table));
        b.Append("</details>\n");
        return b.ToString();
    }

    /// <summary>A data table in the DSFR's markup, with its caption and column headers.</summary>
    public static string Table(ChartTable table) => Table(
        table.Caption,
        [.. table.Columns.Select(c => c.Label)],
        [.. table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select((cell, i) => E(ChartTable.Display(cell, table.Columns[i].Kind)))])]);

    /// <summary>A table whose cells are already HTML (encoded text or links built with <see cref="E"/>); the first column heads each row.</summary>
    public static string Table(string caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> htmlRows)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"""
            <div class="fr-table fr-table--bordered fr-mt-2w">
            <div class="fr-table__wrapper">
            <div class="fr-table__container">
            <div class="fr-table__content">
            <table>
            <caption>{E(caption)}</caption>
            <thead><tr>
            """);
        foreach (var header in headers)
        {
            b.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in htmlRows)
        {
            b.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                b.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(row[i]).Append(i == 0 ? "</th>" : "</td>");
            }

            b.Append("</tr>\n");
        }

        b.Append("</tbody>\n</table>\n</div>\n</div>\n</div>\n</div>\n");
        return b.ToString();
    }

    /// <summary>A DSFR download link: label, then the format in the link's detail line.</summary>
    public static string Download(string href, string label, string format) =>
        $"""<a class="fr-link fr-link--download" href="{E(href)}">{E(label)} <span class="fr-link__detail">{E(format)}</span></a>""";

    /// <summary>A link to another page of the site.</summary>
    public static string Link(string href, string text) => $"""<a class="fr-link" href="{E(href)}">{E(text)}</a>""";

    /// <summary>An information alert (small), e.g. "section not yet available".</summary>
    public static string Info(string text) =>
        $"""<div class="fr-alert fr-alert--info fr-alert--sm fr-my-2w"><p>{E(text)}</p></div>""" + "\n";

    /// <summary>A DSFR badge with a status colour class (success, warning, error or none).</summary>
    public static string Badge(string text, string statusClass) =>
        $"""<span class="fr-badge fr-badge--no-icon {statusClass}">{E(text)}</span>""";

    /// <summary>A row of key figures: big number, then what it is.</summary>
    public static string KeyFigures(IReadOnlyList<(string Figure, string Label)> figures)
    {
        var b = new StringBuilder("<div class=\"fr-grid-row fr-grid-row--gutters fr-my-2w\">\n");
        foreach (var (figure, label) in figures)
        {
            b.Append(CultureInfo.InvariantCulture, $"""
                <div class="fr-col-12 fr-col-sm-6 fr-col-lg-3">
                <div class="fr-card fr-card--no-arrow fr-card--shadow">
                <div class="fr-card__body"><div class="fr-card__content">
                <p class="fr-card__title fr-h3">{E(figure)}</p>
                <p class="fr-card__desc">{E(label)}</p>
                </div></div>
                </div>
                </div>

                """);
        }

        b.Append("</div>\n");
        return b.ToString();
    }

    /// <summary>A paragraph of plain text.</summary>
    public static string P(string text, string? cssClass = null) =>
        cssClass is null ? $"<p>{E(text)}</p>\n" : $"<p class=\"{cssClass}\">{E(text)}</p>\n";
}
