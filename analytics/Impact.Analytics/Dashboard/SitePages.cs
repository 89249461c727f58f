using System.Globalization;
using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using static Impact.Analytics.Dashboard.SiteHtml;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The content of each page of the site, in French: the national page, a page per region and per workshop, the
/// completeness page and the accessibility statement. Headings go h1 (the page), h2 (sections), h3 (charts).
/// </summary>
internal static class SitePages
{
    /// <summary>The folder of the national charts.</summary>
    public const string ChartsFolder = "graphiques/";

    /// <summary>The folder of the downloads.</summary>
    public const string DataFolder = "donnees/";

    /// <summary>The downloads of the national page: path under <see cref="DataFolder"/>, label, format.</summary>
    public static IReadOnlyList<(string File, string Label, string Format)> Downloads { get; } =
    [
        ("indicateurs.csv", "Indicateurs par manufacture et par trimestre", "CSV"),
        ("indicateurs.xlsx", "Indicateurs par manufacture et par trimestre", "XLSX (tableur)"),
        ("agregats.csv", "Agrégats nationaux, par vague, type de territoire, région et ancienneté", "CSV"),
        ("completude.csv", "Complétude et ponctualité des retours", "CSV"),
    ];

    public static string Index(SiteData data, NationalChartSet charts)
    {
        var b = new StringBuilder();
        var asOf = data.AsOf.ToFrench();
        var waves = data.Workshops.Select(w => w.Wave).Distinct().Count();
        b.Append(CultureInfo.InvariantCulture, $"<h1>{E(ServiceName)} : tableau de bord national</h1>\n");
        b.Append(P($"Situation au {asOf}, dernier trimestre pris en compte : {FrenchFormat.Count(data.Workshops.Count)} manufactures labellisées en {FrenchFormat.Count(waves)} vague{(waves > 1 ? "s" : "")}, dans {FrenchFormat.Count(data.Regions.Count)} région{(data.Regions.Count > 1 ? "s" : "")}. Les chiffres viennent des retours trimestriels que les manufactures déposent ; un retour manquant n'est pas compté.", "fr-text--lead"));
        b.Append(KeyFigures(KeyFiguresOf(data, Breakdown.National, Breakdown.All)));

        b.Append("<h2 id=\"emplois\" class=\"fr-mt-6w\">Emplois</h2>\n");
        b.Append(P("Les emplois comptent les salariés de la structure qui gère la manufacture et les emplois des entreprises qu'elle héberge, tels que déclarés dans les retours du trimestre. Le total suit aussi le nombre de manufactures qui ont déposé un retour : il monte à l'entrée de chaque vague de labellisation (colonne « Retours reçus » du tableau)."));
        b.Append(Figure("", ChartsFolder, charts.Jobs, Source(data)));

        b.Append("<h2 id=\"vitalite\" class=\"fr-mt-6w\">Vitalité économique</h2>\n");
        b.Append(P("La part des recettes propres mesure le passage des subventions à la vente de services : recettes propres divisées par la somme des recettes propres et des subventions de fonctionnement. L'indice de vitalité économique (0 à 100) résume six composantes : part des recettes propres, marge d'exploitation, trésorerie, emplois, utilisation des machines et occupation des locaux."));
        b.Append(Figure("", ChartsFolder, charts.OwnRevenueShare, Source(data)));
        b.Append(Figure("", ChartsFolder, charts.Vitality, Source(data)));

        b.Append("<h2 id=\"completude\" class=\"fr-mt-6w\">Complétude des retours</h2>\n");
        b.Append(Figure("", ChartsFolder, charts.Completeness, Source(data)));
        b.Append("<p>").Append(Link("completude.html", "Détail par région et liste des retours manquants")).Append("</p>\n");

        b.Append("<h2 id=\"risque\" class=\"fr-mt-6w\">Risque de difficulté</h2>\n");
        if (charts.Risk is { } risk)
        {
            b.Append(P("Le niveau de risque estime la probabilité qu'une manufacture entre en difficulté dans les quatre trimestres qui suivent (trésorerie de moins d'un mois de charges, recettes propres en baisse de 30 % ou plus sur un an, deux retours manquants de suite, fermeture ou difficulté signalée). Chaque page de manufacture en donne les raisons."));
            b.Append(Figure("", ChartsFolder, risk, Source(data)));
        }
        else
        {
            b.Append(Info(NotYet("Les scores de risque de difficulté", plural: true)));
        }

        b.Append("<h2 id=\"carte\" class=\"fr-mt-6w\">Carte des manufactures</h2>\n");
        b.Append(Figure("", ChartsFolder, charts.Map, "registre des manufactures" + (data.LatestRisk is null ? "" : " et scores de risque") + " ; contour de la France : Natural Earth (domaine public)"));

        b.Append("<h2 id=\"evaluation\" class=\"fr-mt-6w\">Évaluation d'impact</h2>\n");
        if (data.Input.Evaluation is { } evaluation && charts.EventStudy is { } eventStudy)
        {
            var level = FrenchFormat.Percent(evaluation.ConfidenceLevel);
            b.Append(P($"Effet moyen de la labellisation sur l'{evaluation.OutcomeLabel} des manufactures labellisées : {FrenchFormat.Number(evaluation.OverallAtt, 2)}, intervalle de confiance à {level} de {FrenchFormat.Number(evaluation.CiLow, 2)} à {FrenchFormat.Number(evaluation.CiHigh, 2)}.", "fr-text--lead"));
            foreach (var paragraph in Paragraphs(evaluation.FrenchReading))
            {
                b.Append(P(paragraph));
            }

            b.Append(Figure("", ChartsFolder, eventStudy, "panel d'évaluation (manufactures labellisées et candidats non retenus)"));
        }
        else
        {
            b.Append(Info(NotYet("L'évaluation d'impact", plural: false)));
        }

        b.Append("<h2 id=\"regions\" class=\"fr-mt-6w\">Régions</h2>\n");
        b.Append(Table(
            $"Manufactures par région au {asOf}",
            ["Région", "Manufactures", "Emplois déclarés", "Indice de vitalité médian", "Complétude des retours"],
            [.. data.Regions.Select(region =>
            {
                var jobs = data.Aggregate(Breakdown.Region, region, data.AsOf, "total_jobs");
                var vitality = data.Aggregate(Breakdown.Region, region, data.AsOf, "vitality_index");
                var completeness = CompletenessAt(data, Breakdown.Region, region);
                return (IReadOnlyList<string>)
                [
                    Link(data.RegionPath(region), region),
                    E(FrenchFormat.Count(data.Workshops.Count(w => w.Region == region))),
                    E(jobs?.Total is { } j ? FrenchFormat.Number(j, 0) : ChartTable.NoValue),
                    E(vitality?.Median is { } v ? FrenchFormat.Number(v) : ChartTable.NoValue),
                    E(completeness?.CompletenessRate is { } c ? FrenchFormat.Percent(c) : ChartTable.NoValue),
                ];
            })]));

        b.Append("<h2 id=\"telechargements\" class=\"fr-mt-6w\">Téléchargements</h2>\n");
        b.Append(P("Les fichiers CSV sont encodés en UTF-8, séparés par des virgules, avec le point comme séparateur décimal ; les ratios y sont des proportions (0,42 s'écrit 0.42). Une cellule de texte qui commence par =, +, - ou @ est précédée d'une apostrophe pour qu'un tableur ne l'exécute pas comme une formule."));
        b.Append("<ul>\n");
        foreach (var (file, label, format) in Downloads)
        {
            b.Append("<li>").Append(Download(DataFolder + file, label, format)).Append("</li>\n");
        }

        b.Append("</ul>\n");

        b.Append("<h2 id=\"sources\" class=\"fr-mt-6w\">Sources et méthodes</h2>\n");
        b.Append(P("Données : retours trimestriels des manufactures (un par manufacture et par trimestre, validés à leur dépôt ; la dernière version corrigée fait foi) et registre des manufactures tenu par le ministère. Les médianes et quartiles sont calculés sur les manufactures qui ont déposé un retour pour le trimestre."));
        b.Append(P("Définitions des indicateurs : fichier docs/indicators.md du dépôt du traitement. Contour de la France métropolitaine : Natural Earth, échelle 1:50 000 000 (domaine public). Mise en page : Système de design de l'État (DSFR), copié avec le site ; aucune ressource n'est chargée depuis un autre site."));
        return Page("", "Vue nationale", b.ToString());
    }

    public static string Region(SiteData data, string region, IReadOnlyList<Chart> charts)
    {
        const string root = "../";
        var workshops = data.Workshops.Where(w => w.Region == region).ToList();
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"fr-mt-2w\">{Link(root + "index.html#regions", "Toutes les régions")}</p>\n");
        b.Append(CultureInfo.InvariantCulture, $"<h1>Région : {E(region)}</h1>\n");
        var types = string.Join(", ", workshops.GroupBy(w => w.TerritoryType).OrderBy(g => g.Key)
            .Select(g => $"{FrenchFormat.Count(g.Count())} en territoire {FrenchLabels.Territory(g.Key).ToLowerInvariant()}"));
        b.Append(P($"Situation au {data.AsOf.ToFrench()} : {FrenchFormat.Count(workshops.Count)} manufacture{(workshops.Count > 1 ? "s" : "")} ({types}).", "fr-text--lead"));
        b.Append(KeyFigures(KeyFiguresOf(data, Breakdown.Region, region)));
        b.Append("<h2 class=\"fr-mt-6w\">Emplois, vitalité et retours</h2>\n");
        foreach (var chart in charts)
        {
            b.Append(Figure(root, ChartsFolder + "regions/", chart, Source(data)));
        }

        b.Append("<h2 class=\"fr-mt-6w\">Manufactures de la région</h2>\n");
        b.Append(WorkshopTable(data, root, workshops, $"Manufactures de la région {region} au {data.AsOf.ToFrench()}"));
        return Page(root, "Région " + region, b.ToString());
    }

    public static string Workshop(SiteData data, Workshop workshop, IReadOnlyList<Chart> charts)
    {
        const string root = "../";
        var sets = data.IndicatorsOf(workshop.WorkshopId);
        var latest = sets.Count == 0 ? null : sets[^1];
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"fr-mt-2w\">{Link(root + data.RegionPath(workshop.Region), "Région " + workshop.Region)}</p>\n");
        b.Append(CultureInfo.InvariantCulture, $"<h1>{E(workshop.Name)}</h1>\n");
        b.Append(P($"Manufacture de proximité de la région {workshop.Region} (département {workshop.Department}), en territoire {FrenchLabels.Territory(workshop.TerritoryType).ToLowerInvariant()}, {data.WaveLabel(workshop.Wave).ToLowerInvariant()}. Situation au {data.AsOf.ToFrench()}.", "fr-text--lead"));
        if (latest is not null)
        {
            b.Append(KeyFigures(
            [
                (FrenchFormat.Count(latest.TotalJobs), $"emplois au {latest.Quarter.ToFrench()}"),
                (latest.OwnRevenueShare is { } share ? FrenchFormat.Percent(share) : ChartTable.NoValue, "part des recettes propres"),
                (latest.CashRunwayMonths is { } runway ? FrenchFormat.Months((double)runway) : ChartTable.NoValue, "de charges couverts par la trésorerie"),
                (latest.VitalityIndex is { } index ? FrenchFormat.Number(index) : ChartTable.NoValue, "indice de vitalité économique (0 à 100)"),
            ]));
        }
        else
        {
            b.Append(Info("Aucun retour accepté pour cette manufacture à ce jour."));
        }

        b.Append("<h2 class=\"fr-mt-6w\">Fiche de la manufacture</h2>\n");
        b.Append(Table(
            $"Fiche de {workshop.Name} (registre des manufactures)",
            ["Rubrique", "Valeur"],
            [.. new (string, string)[]
            {
                ("Identifiant", workshop.WorkshopId),
                ("Région", workshop.Region),
                ("Département", workshop.Department),
                ("Commune (code INSEE)", workshop.CommuneInsee),
                ("Type de territoire", FrenchLabels.Territory(workshop.TerritoryType)),
                ("Vague de labellisation", data.WaveLabel(workshop.Wave)),
                ("Date de labellisation", FrenchFormat.Date(workshop.LabelledOn)),
                ("Accompagnement", $"du {FrenchFormat.Date(workshop.SupportStart)} au {FrenchFormat.Date(workshop.SupportEnd)}"),
                ("Aide de l'État", FrenchFormat.Euros(workshop.GrantEur, 0)),
                ("Objectif d'emplois", FrenchFormat.Count(workshop.TargetJobs)),
                ("Objectif de part des recettes propres", FrenchFormat.Percent(workshop.TargetOwnRevenueShare)),
                ("Forme juridique", workshop.LegalForm),
                ("Accompagnateur (identifiant)", workshop.CoachId),
                ("Dernier statut déclaré", latest is null ? ChartTable.NoValue : $"{FrenchLabels.Status(latest.Status)} ({latest.Quarter.ToFrench()})"),
            }.Select(r => (IReadOnlyList<string>)[E(r.Item1), E(r.Item2)])]));

        b.Append("<h2 class=\"fr-mt-6w\">Risque de difficulté</h2>\n");
        if (data.LatestRisk is null)
        {
            b.Append(Info(NotYet("Le score de risque de difficulté", plural: false)));
        }
        else if (data.LatestRisk.GetValueOrDefault(workshop.WorkshopId) is { } risk)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p>Niveau au {E(risk.Quarter.ToFrench())} : {Badge(FrenchLabels.Risk(risk.Level), FrenchLabels.RiskBadge(risk.Level))} (score {E(FrenchFormat.Number(risk.Score, 2))} sur 1).</p>\n");
            if (risk.Reasons.Count > 0)
            {
                b.Append("<p>Raisons :</p>\n<ul>\n");
                foreach (var reason in risk.Reasons)
                {
                    b.Append("<li>").Append(E(reason)).Append("</li>\n");
                }

                b.Append("</ul>\n");
            }
        }
        else
        {
            b.Append(Info("Cette manufacture n'a pas de score de risque à ce jour (pas de retour exploitable)."));
        }

        b.Append("<h2 class=\"fr-mt-6w\">Trajectoire comparée à ses pairs</h2>\n");
        b.Append(P($"Chaque graphique compare la manufacture à la médiane des manufactures de la même vague (labellisées en même temps, donc au même stade d'accompagnement) et à celle des manufactures du même type de territoire, trimestre par trimestre depuis la labellisation."));
        foreach (var chart in charts)
        {
            b.Append(Figure(root, ChartsFolder + "ateliers/", chart, Source(data)));
        }

        b.Append("<h2 class=\"fr-mt-6w\">Faits marquants déclarés</h2>\n");
        if (!data.HasReturnExtracts)
        {
            b.Append(Info(NotYet("Les faits marquants déclarés dans les retours", plural: true)));
        }
        else
        {
            var narratives = sets.Reverse()
                .Select(s => (s.Quarter, Text: data.ReturnOf(workshop.WorkshopId, s.Quarter)?.Narrative))
                .Where(n => !string.IsNullOrWhiteSpace(n.Text))
                .Take(4)
                .ToList();
            b.Append(narratives.Count == 0
                ? P("Aucun fait marquant déclaré dans les derniers retours.")
                : P("Texte libre saisi par la manufacture dans ses derniers retours (quatre au plus), reproduit tel quel.", "fr-text--sm"));
            foreach (var (quarter, text) in narratives)
            {
                b.Append(CultureInfo.InvariantCulture, $"<h3 class=\"fr-h6 fr-mt-3w\">{E(quarter.ToFrench())}</h3>\n<blockquote>\n");
                foreach (var paragraph in Paragraphs(text!))
                {
                    b.Append(P(paragraph));
                }

                b.Append("</blockquote>\n");
            }
        }

        return Page(root, workshop.Name, b.ToString());
    }

    public static string Completeness(SiteData data, Chart chart)
    {
        var b = new StringBuilder();
        var asOf = data.AsOf;
        b.Append("<h1>Complétude et ponctualité des retours</h1>\n");
        b.Append(P("Chaque manufacture dépose un retour par trimestre, du trimestre de sa labellisation jusqu'à quatre trimestres après la fin de son accompagnement. Un retour est « à temps » s'il est accepté avant la date limite, « en retard » s'il l'est après, « manquant » s'il n'a pas été accepté ; une correction ne rend pas un retour en retard.", "fr-text--lead"));
        b.Append(Figure("", ChartsFolder, chart, Source(data), headingLevel: 2));

        foreach (var (dimension, label) in new[] { (Breakdown.Region, "région"), (Breakdown.Wave, "vague"), (Breakdown.TerritoryType, "type de territoire") })
        {
            var rows = data.Completeness.Where(r => r.Dimension == dimension && r.Quarter == asOf)
                .OrderBy(r => dimension == Breakdown.Region ? r.Group : "", SiteData.FrenchOrder).ToList();
            b.Append(CultureInfo.InvariantCulture, $"<h2 class=\"fr-mt-6w\">Par {E(label)} au {E(asOf.ToFrench())}</h2>\n");
            b.Append(Table(
                $"Retours du {asOf.ToFrench()} par {label} : attendus, reçus à temps, en retard, manquants",
                [char.ToUpperInvariant(label[0]) + label[1..], "Attendus", "À temps", "En retard", "Manquants", "Complétude", "Ponctualité"],
                [.. rows.Select(r => (IReadOnlyList<string>)
                [
                    dimension == Breakdown.Region ? Link(data.RegionPath(r.Group), r.Group) : E(GroupLabel(data, dimension, r.Group)),
                    E(FrenchFormat.Count(r.Expected)), E(FrenchFormat.Count(r.OnTime)), E(FrenchFormat.Count(r.Late)), E(FrenchFormat.Count(r.Missing)),
                    E(r.CompletenessRate is { } c ? FrenchFormat.Percent(c) : ChartTable.NoValue),
                    E(r.TimelinessRate is { } t ? FrenchFormat.Percent(t) : ChartTable.NoValue),
                ])]));
        }

        var missing = data.Missing.Where(m => m.Quarter == asOf).OrderBy(m => m.WorkshopId, StringComparer.Ordinal).ToList();
        b.Append(CultureInfo.InvariantCulture, $"<h2 class=\"fr-mt-6w\">Retours manquants du {E(asOf.ToFrench())}</h2>\n");
        var earlier = data.Missing.Count(m => m.Quarter < asOf);
        b.Append(P($"{FrenchFormat.Count(missing.Count)} retour{(missing.Count > 1 ? "s" : "")} manquant{(missing.Count > 1 ? "s" : "")} pour le {asOf.ToFrench()} ; {FrenchFormat.Count(earlier)} pour les trimestres précédents (fichier de complétude). Les accompagnateurs reçoivent leur liste de relance."));
        if (missing.Count > 0)
        {
            b.Append(Table(
                $"Retours manquants du {asOf.ToFrench()}",
                ["Manufacture", "Accompagnateur", "Date limite", "Dépôt refusé à corriger"],
                [.. missing.Select(m => (IReadOnlyList<string>)
                [
                    data.Workshops.Any(w => w.WorkshopId == m.WorkshopId) ? Link(data.WorkshopPath(m.WorkshopId), m.WorkshopName) : E(m.WorkshopName),
                    E(m.CoachId), E(FrenchFormat.Date(m.Deadline)), E(m.RejectedSubmission ? "oui" : "non"),
                ])]));
        }

        return Page("", "Complétude des retours", b.ToString());
    }

    public static string Accessibility()
    {
        var b = new StringBuilder();
        b.Append("<h1>Déclaration d'accessibilité</h1>\n");
        b.Append(P("Ce tableau de bord est un site statique produit par le traitement trimestriel du dispositif « Manufactures de proximité ». Il n'a pas encore fait l'objet d'un audit de conformité au référentiel général d'amélioration de l'accessibilité (RGAA) : il est donc déclaré non conforme, en attendant cet audit.", "fr-text--lead"));
        b.Append("<h2>Mesures prises</h2>\n<ul>\n");
        foreach (var item in new[]
        {
            "Pages en français déclarées comme telles, titres de page uniques, hiérarchie de titres h1, h2, h3 sans saut.",
            "Liens d'évitement vers le contenu, le menu et le pied de page ; navigation possible au clavier, sans script.",
            "Chaque graphique a une alternative textuelle qui dit ce qu'il montre et ses chiffres principaux, et le tableau de ses données (avec un titre) juste après lui, ainsi qu'un fichier CSV.",
            "Les couleurs des graphiques viennent de la palette de visualisation de données du DSFR et ne sont jamais le seul repère : chaque série a aussi son motif de trait et sa forme de point ; les textes ont un contraste suffisant.",
            "Nombres au format français (1 234,5 € ; 42 %), unités écrites en toutes lettres dans les titres d'axes.",
            "Les textes libres déposés par les manufactures sont affichés comme du texte, jamais interprétés.",
        })
        {
            b.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        b.Append("</ul>\n<h2>Signaler un défaut</h2>\n");
        b.Append(P("Si vous ne pouvez pas accéder à un contenu, signalez-le à l'équipe du dispositif au ministère, qui vous fournira l'information sous une autre forme."));
        return Page("", "Accessibilité", b.ToString());
    }

    /// <summary>The table of workshops of a region: name (link), department, territory, wave, jobs, vitality, risk.</summary>
    private static string WorkshopTable(SiteData data, string root, IReadOnlyList<Workshop> workshops, string caption) => Table(
        caption,
        ["Manufacture", "Département", "Territoire", "Vague", "Emplois", "Indice de vitalité", "Niveau de risque"],
        [.. workshops.OrderBy(w => w.Name, SiteData.FrenchOrder).Select(w =>
        {
            var sets = data.IndicatorsOf(w.WorkshopId);
            var latest = sets.Count == 0 ? null : sets[^1];
            var risk = data.LatestRisk?.GetValueOrDefault(w.WorkshopId)?.Level;
            return (IReadOnlyList<string>)
            [
                Link(root + data.WorkshopPath(w.WorkshopId), w.Name),
                E(w.Department),
                E(FrenchLabels.Territory(w.TerritoryType)),
                E(FrenchFormat.Count(w.Wave)),
                E(latest is null ? ChartTable.NoValue : FrenchFormat.Count(latest.TotalJobs)),
                E(latest?.VitalityIndex is { } v ? FrenchFormat.Number(v) : ChartTable.NoValue),
                data.LatestRisk is null ? E("pas encore disponible") : Badge(FrenchLabels.Risk(risk), FrenchLabels.RiskBadge(risk)),
            ];
        })]);

    private static List<(string Figure, string Label)> KeyFiguresOf(SiteData data, string dimension, string group)
    {
        var asOf = data.AsOf;
        var jobs = data.Aggregate(dimension, group, asOf, "total_jobs");
        var share = data.Aggregate(dimension, group, asOf, "own_revenue_share");
        var vitality = data.Aggregate(dimension, group, asOf, "vitality_index");
        var completeness = CompletenessAt(data, dimension, group);
        return
        [
            (jobs?.Total is { } j ? FrenchFormat.Number(j, 0) : ChartTable.NoValue, $"emplois déclarés au {asOf.ToFrench()} ({FrenchFormat.Count(jobs?.N ?? 0)} retours)"),
            (share?.Median is { } s ? FrenchFormat.Percent(s) : ChartTable.NoValue, "part médiane des recettes propres"),
            (vitality?.Median is { } v ? FrenchFormat.Number(v) : ChartTable.NoValue, "indice de vitalité économique médian (0 à 100)"),
            (completeness?.CompletenessRate is { } c ? FrenchFormat.Percent(c) : ChartTable.NoValue, $"des retours attendus au {asOf.ToFrench()} reçus"),
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

    private static string Source(SiteData data) => $"retours trimestriels des manufactures, indicateurs calculés au {data.AsOf.ToFrench()}";

    private static string NotYet(string what, bool plural) =>
        $"{what} {(plural ? "ne sont pas encore disponibles" : "n'est pas encore disponible")} : cette section sera remplie par une prochaine version du traitement trimestriel.";

    /// <summary>Paragraphs of a free text: split on blank or single line breaks, trimmed, empty ones dropped.</summary>
    private static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}

/// <summary>The rendered charts of the national page; the optional ones are null when their input is.</summary>
internal sealed record NationalChartSet(Chart Jobs, Chart OwnRevenueShare, Chart Vitality, Chart Completeness, Chart? Risk, Chart Map, Chart? EventStudy)
{
    public IEnumerable<Chart> All => new[] { Jobs, OwnRevenueShare, Vitality, Completeness, Risk, Map, EventStudy }.OfType<Chart>();
}
