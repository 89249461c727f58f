using System.Globalization;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Dashboard.Pages;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The content of each page of the site, in French: the national page, a page per region and per workshop, the
/// completeness page and the accessibility statement, as typed blocks (<see cref="PageModel"/>) rendered by the
/// <see cref="SitePage"/> component, which encodes every text. Headings go h1 (the page), h2 (sections), h3 (charts).
/// </summary>
internal static class SitePages
{
    /// <summary>The folder of the national charts.</summary>
    public const string ChartsFolder = "graphiques/";

    /// <summary>The folder of the downloads.</summary>
    public const string DataFolder = "donnees/";

    /// <summary>The downloads of the signed-in national page: path under <see cref="DataFolder"/>, label, format.</summary>
    public static IReadOnlyList<(string File, string Label, string Format)> Downloads { get; } =
    [
        ("indicateurs.csv", "Indicateurs par manufacture et par trimestre", "CSV"),
        ("indicateurs.xlsx", "Indicateurs par manufacture et par trimestre", "XLSX (tableur)"),
        ("agregats.csv", "Agrégats nationaux, par vague, type de territoire, région et ancienneté", "CSV"),
        ("completude.csv", "Complétude et ponctualité des retours", "CSV"),
    ];

    /// <summary>The open data of the public site: aggregates under statistical secrecy, and the workshops' public facts.</summary>
    public static IReadOnlyList<(string File, string Label, string Format)> OpenData { get; } =
    [
        ("manufactures.csv", "Liste des manufactures labellisées (nom, commune, région, vague, date de labellisation)", "CSV"),
        ("agregats.csv", "Agrégats nationaux, par vague, type de territoire, région et ancienneté", "CSV"),
        ("completude.csv", "Complétude et ponctualité des retours", "CSV"),
        ("dictionnaire.csv", "Description de chaque colonne des fichiers", "CSV"),
    ];

    /// <summary>What a withheld value reads as: « secret statistique », or the usual dash when there is no value at all.</summary>
    private static string Withheld(bool secret) => secret ? StatisticalSecrecy.Label : ChartTable.NoValue;

    public static string Index(SiteData data, NationalChartSet charts)
    {
        var b = new List<PageBlock>();
        var asOf = data.AsOf.ToFrench();
        var waves = data.Workshops.Select(w => w.Wave).Distinct().Count();
        b.Add(new HeadingBlock(1, $"{SiteHtml.ServiceName} : tableau de bord national"));
        b.Add(ParagraphBlock.Of($"Situation au {asOf}, dernier trimestre pris en compte : {FrenchFormat.Count(data.Workshops.Count)} manufactures labellisées en {FrenchFormat.Count(waves)} vague{(waves > 1 ? "s" : "")}, dans {FrenchFormat.Count(data.Regions.Count)} région{(data.Regions.Count > 1 ? "s" : "")}. Les chiffres viennent des retours trimestriels que les manufactures déposent ; un retour manquant n'est pas compté.", Lead));
        b.Add(new KeyFiguresBlock(KeyFiguresOf(data, Breakdown.National, Breakdown.All)));

        b.Add(Section("Emplois", "emplois"));
        b.Add(ParagraphBlock.Of("Les emplois comptent les salariés de la structure qui gère la manufacture et les emplois des entreprises qu'elle héberge, tels que déclarés dans les retours du trimestre. Le total suit aussi le nombre de manufactures qui ont déposé un retour : il monte à l'entrée de chaque vague de labellisation (colonne « Retours reçus » du tableau)."));
        b.Add(Figure("", ChartsFolder, charts.Jobs, Source(data)));

        b.Add(Section("Vitalité économique", "vitalite"));
        b.Add(ParagraphBlock.Of("La part des recettes propres mesure le passage des subventions à la vente de services : recettes propres divisées par la somme des recettes propres et des subventions de fonctionnement. L'indice de vitalité économique (0 à 100) résume six composantes : part des recettes propres, marge d'exploitation, trésorerie, emplois, utilisation des machines et occupation des locaux."));
        b.Add(Figure("", ChartsFolder, charts.OwnRevenueShare, Source(data)));
        b.Add(Figure("", ChartsFolder, charts.Vitality, Source(data)));

        b.Add(Section("Complétude des retours", "completude"));
        b.Add(Figure("", ChartsFolder, charts.Completeness, Source(data)));
        b.Add(new ParagraphBlock([new LinkInline("completude.html", data.IsPublic ? "Détail par région, par vague et par type de territoire" : "Détail par région et liste des retours manquants")]));

        b.Add(Section("Risque de difficulté", "risque"));
        if (charts.Risk is { } risk)
        {
            b.Add(ParagraphBlock.Of("Le niveau de risque estime la probabilité qu'une manufacture entre en difficulté dans les quatre trimestres qui suivent (trésorerie de moins d'un mois de charges, recettes propres en baisse de 30 % ou plus sur un an, deux retours manquants de suite, fermeture ou difficulté signalée)." +
                (data.IsPublic
                    ? " Seuls les nombres de manufactures par niveau sont publiés : le niveau d'une manufacture et ses raisons sont réservés à la manufacture, à son accompagnateur et au ministère."
                    : " Chaque page de manufacture en donne les raisons.")));
            b.Add(Figure("", ChartsFolder, risk, Source(data)));
        }
        else
        {
            b.Add(new InfoBlock(NotYet("Les scores de risque de difficulté", plural: true)));
        }

        b.Add(Section("Carte des manufactures", "carte"));
        b.Add(Figure("", ChartsFolder, charts.Map, "registre des manufactures" + (data.LatestRisk is null ? "" : " et scores de risque") + " ; contour de la France : Natural Earth (domaine public)"));

        b.Add(Section("Évaluation d'impact", "evaluation"));
        if (data.Input.Evaluation is { } evaluation && charts.EventStudy is { } eventStudy)
        {
            var level = FrenchFormat.Percent(evaluation.ConfidenceLevel);
            b.Add(ParagraphBlock.Of($"Effet moyen de la labellisation sur l'{evaluation.OutcomeLabel} des manufactures labellisées : {FrenchFormat.Number(evaluation.OverallAtt, 2)}, intervalle de confiance à {level} de {FrenchFormat.Number(evaluation.CiLow, 2)} à {FrenchFormat.Number(evaluation.CiHigh, 2)}.", Lead));
            b.AddRange(Paragraphs(evaluation.FrenchReading).Select(p => ParagraphBlock.Of(p)));
            b.Add(Figure("", ChartsFolder, eventStudy, "panel d'évaluation (manufactures labellisées et candidats non retenus)"));
        }
        else
        {
            b.Add(new InfoBlock(NotYet("L'évaluation d'impact", plural: false)));
        }

        b.Add(Section("Régions", "regions"));
        b.Add(new TableBlock(
            $"Manufactures par région au {asOf}",
            ["Région", "Manufactures", "Emplois déclarés (retours reçus/attendus)", "Indice de vitalité médian", "Complétude des retours"],
            [.. data.Regions.Select(region =>
            {
                var jobs = data.Aggregate(Breakdown.Region, region, data.AsOf, "total_jobs");
                var vitality = data.Aggregate(Breakdown.Region, region, data.AsOf, "vitality_index");
                var completeness = CompletenessAt(data, Breakdown.Region, region);
                return (IReadOnlyList<Inline>)
                [
                    new LinkInline(data.RegionPath(region), region),
                    new TextInline(FrenchFormat.Count(data.Workshops.Count(w => w.Region == region))),
                    new TextInline(jobs?.Total is { } j
                        ? $"{FrenchFormat.Number(j, 0)} ({FrenchFormat.Count(jobs.N)}{(completeness is { } e ? "/" + FrenchFormat.Count(e.Expected) : "")})"
                        : Withheld(data.IsSecret(Breakdown.Region, region, data.AsOf, "total_jobs"))),
                    new TextInline(vitality?.Median is { } v ? FrenchFormat.Number(v) : Withheld(data.IsSecret(Breakdown.Region, region, data.AsOf, "vitality_index"))),
                    new TextInline(completeness?.CompletenessRate is { } c ? FrenchFormat.Percent(c) : Withheld(data.IsCompletenessSecret(Breakdown.Region, region, data.AsOf))),
                ];
            })]));

        b.Add(Section(data.IsPublic ? "Données ouvertes" : "Téléchargements", "telechargements"));
        b.Add(ParagraphBlock.Of("Les fichiers CSV sont encodés en UTF-8, séparés par des virgules, avec une ligne d'en-tête et le point comme séparateur décimal ; les ratios y sont des proportions (0,42 s'écrit 0.42). Une cellule de texte qui commence par =, +, - ou @ est précédée d'une apostrophe pour qu'un tableur ne l'exécute pas comme une formule."));
        if (data.IsPublic)
        {
            b.Add(ParagraphBlock.Of($"Licence : {SiteDownloads.Licence} Le fichier dictionnaire.csv décrit chaque colonne. {SecrecyRule}"));
        }

        b.Add(new ListBlock([.. (data.IsPublic ? OpenData : Downloads).Select(d => (IReadOnlyList<Inline>)[new DownloadInline(DataFolder + d.File, d.Label, d.Format)])]));

        b.Add(Section("Sources et méthodes", "sources"));
        b.Add(ParagraphBlock.Of("Données : retours trimestriels des manufactures (un par manufacture et par trimestre, validés à leur dépôt ; la dernière version corrigée fait foi) et registre des manufactures tenu par le ministère. Les médianes et quartiles sont calculés sur les manufactures qui ont déposé un retour pour le trimestre."));
        b.Add(new ParagraphBlock([new LinkInline(MethodsPage.File, "Définition de chaque indicateur, complétude, secret statistique, niveaux de risque et évaluation d'impact : page « Sources et méthodes »")]));
        if (data.IsPublic)
        {
            b.Add(ParagraphBlock.Of(SecrecyRule));
        }

        return SitePage.Render(new PageModel("", "Vue nationale", b) { Chrome = data.Chrome(""), Simulated = data.Input.Simulated });
    }

    public static string Region(SiteData data, string region, IReadOnlyList<Chart> charts)
    {
        const string root = "../";
        var workshops = data.Workshops.Where(w => w.Region == region).ToList();
        var b = new List<PageBlock>();
        b.Add(new ParagraphBlock([new LinkInline(root + "index.html#regions", "Toutes les régions")], "fr-mt-2w"));
        b.Add(new HeadingBlock(1, $"Région : {region}"));
        var types = string.Join(", ", workshops.GroupBy(w => w.TerritoryType).OrderBy(g => g.Key)
            .Select(g => $"{FrenchFormat.Count(g.Count())} {FrenchPhrase.InTerritory(g.Key)}"));
        b.Add(ParagraphBlock.Of($"Situation au {data.AsOf.ToFrench()} : {FrenchFormat.Count(workshops.Count)} manufacture{(workshops.Count > 1 ? "s" : "")} ({types}).", Lead));
        b.Add(new KeyFiguresBlock(KeyFiguresOf(data, Breakdown.Region, region)));
        b.Add(Section("Emplois, vitalité et retours"));
        b.AddRange(charts.Select(chart => Figure(root, ChartsFolder + "regions/", chart, Source(data))));
        b.Add(Section("Manufactures de la région"));
        b.Add(data.IsPublic
            ? PublicWorkshopTable(workshops, $"Manufactures labellisées de la région {region}")
            : WorkshopTable(data, root, workshops, $"Manufactures de la région {region} au {data.AsOf.ToFrench()}"));
        return SitePage.Render(new PageModel(root, "Région " + region, b) { Chrome = data.Chrome(root), Simulated = data.Input.Simulated });
    }

    public static string Completeness(SiteData data, Chart chart)
    {
        var b = new List<PageBlock>();
        var asOf = data.AsOf;
        b.Add(new HeadingBlock(1, "Complétude et ponctualité des retours"));
        b.Add(ParagraphBlock.Of("Chaque manufacture dépose un retour par trimestre, du trimestre de sa labellisation jusqu'à quatre trimestres après la fin de son accompagnement. Un retour est « à temps » s'il est accepté avant la date limite, « en retard » s'il l'est après, « manquant » s'il n'a pas été accepté ; une correction ne rend pas un retour en retard.", Lead));
        b.Add(Figure("", ChartsFolder, chart, Source(data), headingLevel: 2));

        foreach (var (dimension, label) in new[] { (Breakdown.Region, "région"), (Breakdown.Wave, "vague"), (Breakdown.TerritoryType, "type de territoire") })
        {
            var rows = data.Completeness.Where(r => r.Dimension == dimension && r.Quarter == asOf)
                .OrderBy(r => dimension == Breakdown.Region ? r.Group : "", SiteData.FrenchOrder).ToList();
            b.Add(Section($"Par {label} au {asOf.ToFrench()}"));
            b.Add(new TableBlock(
                $"Retours du {asOf.ToFrench()} par {label} : attendus, reçus à temps, en retard, manquants",
                [char.ToUpperInvariant(label[0]) + label[1..], "Attendus", "À temps", "En retard", "Manquants", "Complétude", "Ponctualité"],
                [.. rows.Select(r => (IReadOnlyList<Inline>)
                [
                    dimension == Breakdown.Region ? new LinkInline(data.RegionPath(r.Group), r.Group) : new TextInline(GroupLabel(data, dimension, r.Group)),
                    new TextInline(FrenchFormat.Count(r.Expected)), new TextInline(FrenchFormat.Count(r.OnTime)), new TextInline(FrenchFormat.Count(r.Late)), new TextInline(FrenchFormat.Count(r.Missing)),
                    new TextInline(r.CompletenessRate is { } c ? FrenchFormat.Percent(c) : ChartTable.NoValue),
                    new TextInline(r.TimelinessRate is { } t ? FrenchFormat.Percent(t) : ChartTable.NoValue),
                ])]));
        }

        if (data.IsPublic)
        {
            b.Add(ParagraphBlock.Of($"Les groupes de moins de {StatisticalSecrecy.MinWorkshops} retours attendus ne sont pas détaillés (secret statistique). La liste des retours manquants par manufacture est réservée aux accompagnateurs et au ministère."));
            return SitePage.Render(new PageModel("", "Complétude des retours", b) { Chrome = data.Chrome(""), Simulated = data.Input.Simulated });
        }

        var missing = data.Missing.Where(m => m.Quarter == asOf).OrderBy(m => m.WorkshopId, StringComparer.Ordinal).ToList();
        b.Add(Section($"Retours manquants du {asOf.ToFrench()}"));
        var earlier = data.Missing.Count(m => m.Quarter < asOf);
        b.Add(ParagraphBlock.Of($"{FrenchFormat.Count(missing.Count)} retour{(missing.Count > 1 ? "s" : "")} manquant{(missing.Count > 1 ? "s" : "")} pour le {asOf.ToFrench()} ; {FrenchFormat.Count(earlier)} pour les trimestres précédents (fichier de complétude). Les accompagnateurs reçoivent leur liste de relance."));
        if (missing.Count > 0)
        {
            b.Add(new TableBlock(
                $"Retours manquants du {asOf.ToFrench()}",
                ["Manufacture", "Accompagnateur", "Date limite", "Dépôt refusé à corriger"],
                [.. missing.Select(m => (IReadOnlyList<Inline>)
                [
                    data.Workshops.Any(w => w.WorkshopId == m.WorkshopId) ? new LinkInline(SiteData.WorkshopPath(m.WorkshopId), m.WorkshopName) { Of = m.WorkshopId } : new TextInline(m.WorkshopName),
                    new TextInline(m.CoachId), new TextInline(FrenchFormat.Date(m.Deadline)), new TextInline(m.RejectedSubmission ? "oui" : "non"),
                ])]));
        }

        return SitePage.Render(new PageModel("", "Complétude des retours", b) { Chrome = data.Chrome(""), Simulated = data.Input.Simulated });
    }

    /// <summary>The workshops of a region as the public may read them: their public facts only, no figures, no risk, no link.</summary>
    private static TableBlock PublicWorkshopTable(IReadOnlyList<Workshop> workshops, string caption) => new(
        caption,
        ["Manufacture", "Identifiant", "Commune (code Insee)", "Département", "Territoire", "Vague", "Labellisée le"],
        [.. workshops.OrderBy(w => w.Name, SiteData.FrenchOrder).ThenBy(w => w.WorkshopId, StringComparer.Ordinal).Select(w => (IReadOnlyList<Inline>)
        [
            new TextInline(w.Name),
            new TextInline(w.WorkshopId),
            new TextInline(w.CommuneInsee),
            new TextInline(w.Department),
            new TextInline(FrenchLabels.Territory(w.TerritoryType)),
            new TextInline(FrenchFormat.Count(w.Wave)),
            new TextInline(FrenchFormat.Date(w.LabelledOn)),
        ])]);

    /// <summary>The rule of statistical secrecy, as the public pages state it.</summary>
    private static string SecrecyRule =>
        $"Secret statistique : une valeur calculée sur moins de {StatisticalSecrecy.MinWorkshops} manufactures, ou dont une seule manufacture représente {FrenchFormat.Percent((double)StatisticalSecrecy.DominanceShare)} ou plus du total, n'est pas publiée ; elle est remplacée par « {StatisticalSecrecy.Label} » dans les pages et absente des fichiers et des graphiques.";

    /// <summary>The table of workshops of a region: name (link), department, territory, wave, jobs, vitality, risk.</summary>
    private static TableBlock WorkshopTable(SiteData data, string root, IReadOnlyList<Workshop> workshops, string caption) => new(
        caption,
        ["Manufacture", "Identifiant", "Département", "Territoire", "Vague", "Emplois", "Indice de vitalité", "Niveau de risque"],
        [.. workshops.OrderBy(w => w.Name, SiteData.FrenchOrder).ThenBy(w => w.WorkshopId, StringComparer.Ordinal).Select(w =>
        {
            var sets = data.IndicatorsOf(w.WorkshopId);
            var latest = sets.Count == 0 ? null : sets[^1];
            var risk = data.LatestRisk?.GetValueOrDefault(w.WorkshopId)?.Level;
            return (IReadOnlyList<Inline>)
            [
                new LinkInline(root + SiteData.WorkshopPath(w.WorkshopId), w.Name) { Of = w.WorkshopId },
                new TextInline(w.WorkshopId),
                new TextInline(w.Department),
                new TextInline(FrenchLabels.Territory(w.TerritoryType)),
                new TextInline(FrenchFormat.Count(w.Wave)),
                new TextInline(latest is null ? ChartTable.NoValue : FrenchFormat.Count(latest.TotalJobs)),
                new TextInline(latest?.VitalityIndex is { } v ? FrenchFormat.Number(v) : ChartTable.NoValue),
                data.LatestRisk is null ? new TextInline("pas encore disponible") : new BadgeInline(FrenchLabels.Risk(risk), FrenchLabels.RiskBadge(risk)),
            ];
        })]);

    /// <summary>The DSFR class of a page's lead paragraph.</summary>
    internal const string Lead = "fr-text--lead";

    /// <summary>A section heading (h2, spaced from what comes before).</summary>
    internal static HeadingBlock Section(string text, string? id = null) => new(2, text, id, "fr-mt-6w");

    /// <summary>A chart as a figure block: image, source, downloads and data table.</summary>
    internal static FigureBlock Figure(string root, string folder, Chart chart, string source, int headingLevel = 3) => new(
        chart.Title, headingLevel, $"{root}{folder}{chart.Name}.png", chart.AltText, source,
        $"{root}{folder}{chart.Name}.csv", $"{root}{folder}{chart.Name}.svg", Table(chart.Table), chart.Width, chart.Height)
    {
        Narrow = chart.Narrow is { } n ? new NarrowFigure($"{root}{folder}{ChartRenderer.NarrowName(chart.Name)}.png", n.Width, n.Height) : null,
    };

    /// <summary>A chart's data as a table block, each value formatted as the chart's column says.</summary>
    internal static TableBlock Table(ChartTable table) => new(
        table.Caption,
        [.. table.Columns.Select(c => c.Label)],
        [.. table.Rows.Select(r => (IReadOnlyList<Inline>)[.. r.Select((cell, i) => new TextInline(ChartTable.Display(cell, table.Columns[i].Kind)))])]);

    private static List<KeyFigure> KeyFiguresOf(SiteData data, string dimension, string group)
    {
        var asOf = data.AsOf;
        var jobs = data.Aggregate(dimension, group, asOf, "total_jobs");
        var share = data.Aggregate(dimension, group, asOf, "own_revenue_share");
        var vitality = data.Aggregate(dimension, group, asOf, "vitality_index");
        var completeness = CompletenessAt(data, dimension, group);
        return
        [
            new(jobs?.Total is { } j ? FrenchFormat.Number(j, 0) : Withheld(data.IsSecret(dimension, group, asOf, "total_jobs")),
                jobs is null ? $"emplois déclarés au {asOf.ToFrench()}" : $"emplois déclarés au {asOf.ToFrench()}, {NationalCharts.ReturnsBehind(jobs.N, completeness?.Expected)}"),
            new(share?.Median is { } s ? FrenchFormat.Percent(s) : Withheld(data.IsSecret(dimension, group, asOf, "own_revenue_share")), "part médiane des recettes propres"),
            new(vitality?.Median is { } v ? FrenchFormat.Number(v) : Withheld(data.IsSecret(dimension, group, asOf, "vitality_index")), "indice de vitalité économique médian (0 à 100)"),
            new(completeness?.CompletenessRate is { } c ? FrenchFormat.Percent(c) : Withheld(data.IsCompletenessSecret(dimension, group, asOf)), $"des retours attendus au {asOf.ToFrench()} reçus"),
        ];
    }

    private static CompletenessRow? CompletenessAt(SiteData data, string dimension, string group) =>
        data.Completeness.FirstOrDefault(r => r.Dimension == dimension && r.Group == group && r.Quarter == data.AsOf);

    private static string GroupLabel(SiteData data, string dimension, string group) => dimension switch
    {
        Breakdown.Wave when int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var wave) => data.WaveLabel(wave),
        Breakdown.TerritoryType => Enum.GetValues<TerritoryType>().Where(t => WorkshopRegistry.FormatTerritory(t) == group).Select(FrenchLabels.Territory).FirstOrDefault() ?? group,
        _ => group,
    };

    internal static string Source(SiteData data) => $"retours trimestriels des manufactures, indicateurs calculés au {data.AsOf.ToFrench()}";

    internal static string NotYet(string what, bool plural) =>
        $"{what} {(plural ? "ne sont pas encore disponibles" : "n'est pas encore disponible")} : cette section sera remplie par une prochaine version du traitement trimestriel.";

    /// <summary>Paragraphs of a free text: split on blank or single line breaks, trimmed, empty ones dropped.</summary>
    internal static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}

/// <summary>The rendered charts of the national page; the optional ones are null when their input is.</summary>
internal sealed record NationalChartSet(Chart Jobs, Chart OwnRevenueShare, Chart Vitality, Chart Completeness, Chart? Risk, Chart Map, Chart? EventStudy)
{
    public IEnumerable<Chart> All => new[] { Jobs, OwnRevenueShare, Vitality, Completeness, Risk, Map, EventStudy }.OfType<Chart>();
}
