using System.Text.RegularExpressions;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>
/// The signed-in views rendered on request: what each reader's role shows on a workshop's page, a coach's portfolio
/// and its order, and the run's input kept as JSON (what the views are rendered from) round-tripping exactly.
/// </summary>
public sealed partial class SignedInSiteTests
{
    private static readonly ViewReader Workshop002 = new("mp-002@atelier.exemple.fr (manufacture MP-002)", false, false, "MP-002", null);
    private static readonly ViewReader CoachC01 = new("c01@example.org (accompagnateur C-01)", true, false, null, "C-01");

    /// <summary>Both workshops followed by C-01, with risk: MP-001 red (amber the quarter before), MP-002 green.</summary>
    private static SiteInput Portfolio()
    {
        var input = SiteSamples.Tiny() with { RiskScores = SiteSamples.Risk() };
        return input with { Registry = new WorkshopRegistry(input.Registry.Workshops.Select(w => w with { CoachId = "C-01" })) };
    }

    private static readonly SubmissionView Rejected = new(new Quarter(2024, 3), new DateTimeOffset(2024, 10, 20, 8, 5, 0, TimeSpan.Zero), "2024-Q3.csv", UploadState.Rejected, 1, 1, null,
    [
        new ValidationFinding(Severity.Warning, "narrative.markup", "narrative", "Faits marquants", "<b>", "Le texte contient une balise <b>.", "Retirez-la."),
        new ValidationFinding(Severity.Error, "field.required", "cash_end", "Trésorerie de fin de trimestre", null, "Champ obligatoire manquant.", "Indiquez la trésorerie."),
    ], UploadChannels.French(UploadChannel.Form, "contact@atelier-001.fr"));

    private static readonly SubmissionView Accepted = new(new Quarter(2024, 3), new DateTimeOffset(2024, 10, 21, 14, 30, 0, TimeSpan.Zero), "2024-Q3.xlsx", UploadState.Accepted, 0, 0, 2, null, UploadChannels.French(UploadChannel.Direct, null));

    [Fact]
    public void WorkshopPage_TheWorkshopSeesItsLevelOnlyAndItsUploadForm()
    {
        var html = new SignedInSite(Portfolio()).WorkshopPage("MP-001", Workshop002 with { WorkshopId = "MP-001" }, [Rejected]);

        Assert.Contains("Niveau au T3 2024&#xA0;: <span class=\"fr-badge fr-badge--no-icon fr-badge--error\">Rouge (risque élevé)</span>.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("score 0,81", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Trésorerie négative (découvert de 500 €).", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\" action=\"MP-001/depot\" class=\"fr-my-2w\">", html, StringComparison.Ordinal);
        // The quarters offered: the next one, the current and three before, never before labelling.
        Assert.Equal(["2024-Q4", "2024-Q3", "2024-Q2", "2024-Q1", "2023-Q4"], Options().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("Connecté&#xA0;: mp-002@atelier.exemple.fr (manufacture MP-002)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Vue nationale", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkshopPage_ItsCoachSeesScoreTrendAndReasonsButNoUploadForm()
    {
        var html = new SignedInSite(Portfolio()).WorkshopPage("MP-001", CoachC01, [Accepted, Rejected]);

        Assert.Contains("<span class=\"fr-badge fr-badge--no-icon fr-badge--error\">Rouge (risque élevé)</span> (score de 0,81, sur une échelle de 0 à 1), en hausse (était orange au T2 2024).", html, StringComparison.Ordinal);
        Assert.Contains("<li>Trésorerie négative (découvert de 500 €).</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"fr-link\" href=\"../coaches/C-01\">Mon portefeuille</a>", html, StringComparison.Ordinal);
        // The charts are the workshop's own, drawn on request under its address.
        Assert.Contains("src=\"../workshops/MP-001/graphiques/manufacture-emplois.svg\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkshopPage_ListsUploadsNewestFirstWithTheFindingsOfTheReportStillKept()
    {
        var html = new SignedInSite(Portfolio()).WorkshopPage("MP-001", CoachC01, [Rejected, Accepted]);
        var table = html[html.IndexOf("Dépôts reçus, du plus récent au plus ancien", StringComparison.Ordinal)..];

        Assert.Matches(
            "21/10/2024 à 16 h 30</td><td>2024-Q3.xlsx</td><td>dépôt direct dans le stockage, sans compte connu</td><td><span class=\"fr-badge fr-badge--no-icon fr-badge--success\">Accepté \\(version 2\\)</span>.*"
            + "20/10/2024 à 10 h 05</td><td>2024-Q3.csv</td><td>contact@atelier-001.fr, par le formulaire</td><td><span class=\"fr-badge fr-badge--no-icon fr-badge--error\">Refusé</span></td><td>1</td><td>1</td>",
            table.ReplaceLineEndings(""));
        Assert.Contains("Rapport du dépôt du 20/10/2024 à 10 h 05 (T3 2024)", html, StringComparison.Ordinal);
        // Errors first; an echoed value is text, never markup.
        var error = html.IndexOf("Trésorerie de fin de trimestre&#xA0;: Champ obligatoire manquant. Indiquez la trésorerie.", StringComparison.Ordinal);
        var warning = html.IndexOf("Faits marquants&#xA0;: Le texte contient une balise &lt;b&gt;. Retirez-la.", StringComparison.Ordinal);
        Assert.True(error > 0 && warning > error, $"error at {error}, warning at {warning}");
        Assert.Contains("Le rapport détaillé des dépôts les plus anciens n&#x27;est plus conservé (durée de conservation des rapports", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_PutsWhatNeedsAttentionFirstWithReasonsReturnsDueUploadsAndAlerts()
    {
        var site = new SignedInSite(Portfolio());
        var facts = new Dictionary<string, PortfolioFacts>(StringComparer.Ordinal)
        {
            ["MP-001"] = new(Rejected, [new AlertView(new Quarter(2024, 3), RiskLevels.Red, new DateTimeOffset(2024, 11, 2, 7, 0, 0, TimeSpan.Zero), true)]),
            ["MP-002"] = new(Accepted, []),
        };

        var html = site.PortfolioPage("C-01", CoachC01, facts, new DateOnly(2024, 11, 15));
        var rows = Cards().Matches(html).Select(m => Regex.Replace(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "|"), "\\s*\\|[\\s|]*", "|")).ToList();

        Assert.Contains("<h1 class=\"fr-mt-2w\">Mon portefeuille</h1>", html, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        // Red first; MP-001 has 10 quarters of 12 without an accepted return (2021-Q4 to 2024-Q3), MP-002 7 of 9.
        Assert.Equal("|Atelier MP-001|Rouge (risque élevé)|en hausse (était orange au T2 2024)|Raisons&#xA0;:|Trésorerie négative (découvert de 500 €).&#xA0;; Aucune recette propre ce trimestre."
            + "|Retours&#xA0;:|10 trimestres en retard, dont T2 2024, T1 2024 et T4 2023|Dernier dépôt&#xA0;:|refusé, T3 2024, reçu le 20/10/2024 à 10 h 05"
            + "|Alertes envoyées&#xA0;:|Rouge au T3 2024, envoyée le 02/11/2024 à 8 h 00|", rows[0]);
        Assert.Equal("|Atelier MP-002|Vert (risque faible)|Raisons&#xA0;:|aucune (risque faible)|Retours&#xA0;:|7 trimestres en retard, dont T2 2024, T1 2024 et T4 2023"
            + "|Dernier dépôt&#xA0;:|accepté, T3 2024, reçu le 21/10/2024 à 16 h 30|Alertes envoyées&#xA0;:|aucune|", rows[1]);
        Assert.Equal(["1 en risque élevé (rouge)", "0 à surveiller (orange)", "17 retours en retard (date limite passée)", "1 alerte envoyée pour le T3 2024"],
            KeyFigures().Matches(html).Select(m => m.Groups[1].Value + " " + m.Groups[2].Value));
    }

    [Fact]
    public void Portfolio_TheMinistryReadsAnyCoachsUnderTheirName()
    {
        var html = new SignedInSite(Portfolio()).PortfolioPage("C-01", SiteSamples.Ministry, new Dictionary<string, PortfolioFacts>(), new DateOnly(2024, 11, 15));

        Assert.Contains("<h1 class=\"fr-mt-2w\">Portefeuille de l&#x27;accompagnateur C-01</h1>", html, StringComparison.Ordinal);
        Assert.Contains("2 manufactures suivies, situation au T3 2024.", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"fr-btn fr-btn--secondary\" href=\"../index.html\">Vue nationale</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SiteInputJson_RoundTripsToTheSameSiteAndPages()
    {
        var input = SiteSamples.Tiny() with { RiskScores = SiteSamples.Risk(), Evaluation = SiteSamples.Evaluation() };
        var read = SiteInputJson.Read(SiteInputJson.Write(input));

        Assert.Equal(SiteBuilder.Build(input with { Audience = SiteAudience.Public }).Select(f => (f.Path, Convert.ToHexString(f.Content))),
            SiteBuilder.Build(read with { Audience = SiteAudience.Public }).Select(f => (f.Path, Convert.ToHexString(f.Content))));
        Assert.Equal(new SignedInSite(input).WorkshopPage("MP-001", CoachC01, [Rejected]), new SignedInSite(read).WorkshopPage("MP-001", CoachC01, [Rejected]));
        Assert.Equal(SiteAudience.SignedIn, read.Audience);
    }

    [Fact]
    public void SiteInputJson_ADamagedFileIsAFrenchError() =>
        Assert.StartsWith("Données du tableau de bord illisibles : ",
            Assert.Throws<ImpactException>(() => SiteInputJson.Read("{\"Registry\": 3}"u8)).Message, StringComparison.Ordinal);

    [Fact]
    public void NationalFile_HoldsNoWorkshopPageAndAssetsAreShared()
    {
        var site = new SignedInSite(Portfolio());

        Assert.NotNull(site.NationalFile("index.html"));
        Assert.Null(site.NationalFile("ateliers/MP-001.html"));
        Assert.Null(site.NationalFile("dsfr/dsfr.min.css"));
        Assert.Equal("text/css; charset=utf-8", SignedInSite.Asset("dsfr/dsfr.min.css")!.ContentType);
        Assert.Equal(["manufacture-emplois-mobile.png", "manufacture-emplois.csv", "manufacture-emplois.png", "manufacture-emplois.svg"],
            site.WorkshopCharts("MP-001").Select(f => f.Path).Where(p => p.StartsWith("manufacture-emplois", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(site.WorkshopCharts("MP-404"));
    }

    [GeneratedRegex("<p class=\"fr-card__title fr-h3\">([^<]*)</p>\\s*<p class=\"fr-card__desc\">([^<]*)</p>")]
    private static partial Regex KeyFigures();

    [GeneratedRegex("<option value=\"([^\"]+)\">")]
    private static partial Regex Options();

    [GeneratedRegex("<div class=\"fr-card fr-card--no-arrow fr-mb-3w\">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex Cards();
}
