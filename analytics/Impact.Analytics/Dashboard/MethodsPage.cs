using Impact.Analytics.Dashboard.Pages;
using Impact.Analytics.Indicators;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The method page of the site (methodes.html), for the readers of the dashboard and its open data: where the
/// figures come from, how each published indicator is defined, what completeness and timeliness mean, how groups are
/// summed and summarised, the rule of statistical secrecy, the risk levels and the impact evaluation. The developers'
/// definitions (docs/indicators.md, docs/impact-evaluation.md) stay in the repository; this page says the same for
/// people who cannot reach it, in French.
/// </summary>
internal static class MethodsPage
{
    /// <summary>The file of the method page, at the site's root.</summary>
    public const string File = "methodes.html";

    public static string Render(SiteData data)
    {
        var deadline = data.Input.DeadlineDays;
        var b = new List<PageBlock>
        {
            new HeadingBlock(1, "Sources et méthodes", CssClass: "fr-mt-2w"),
            ParagraphBlock.Of("Comment sont obtenus les chiffres de ce tableau de bord et des fichiers de données ouvertes : d'où ils viennent, comment chaque indicateur est calculé, ce qui est publié et ce qui ne l'est pas.", SitePages.Lead),

            SitePages.Section("Les données"),
            new ListBlock(
            [
                [new TextInline("Les retours trimestriels : chaque manufacture labellisée dépose un retour par trimestre (emplois, recettes par source, subventions, charges, trésorerie, utilisation des machines et des locaux, activité). Chaque retour est vérifié à son dépôt ; un retour refusé n'est pas compté, et la dernière version corrigée d'un retour remplace les précédentes.")],
                [new TextInline("Le registre des manufactures, tenu par le ministère : identifiant, nom, commune, région, type de territoire, vague et date de labellisation, période d'accompagnement, objectifs fixés à la labellisation.")],
                [new TextInline($"Les chiffres sont arrêtés au {data.AsOf.ToFrench()}, dernier trimestre pris en compte.")],
            ]),

            SitePages.Section("Les indicateurs"),
            ParagraphBlock.Of("Chaque indicateur est calculé pour une manufacture et un trimestre, à partir des montants de son retour, sans arrondi intermédiaire ; il est ensuite arrondi une fois (au centime pour les euros, à quatre décimales pour les rapports). Un indicateur sans objet (une division par zéro, pas de retour un an plus tôt) reste vide : il n'est jamais compté comme zéro."),
            new TableBlock(
                "Définition des indicateurs publiés",
                ["Indicateur", "Définition", "Unité"],
                [.. Definitions.Select(d => (IReadOnlyList<Inline>)[new TextInline(d.Name), new TextInline(d.Definition), new TextInline(d.Unit)])]),
            ParagraphBlock.Of("L'indice de vitalité économique (0 à 100) est une moyenne pondérée de six composantes ramenées entre 0 et 1 : part des recettes propres rapportée à l'objectif de la manufacture (poids 25 %), marge d'exploitation (20 % ; −50 % vaut 0, +20 % vaut 1), trésorerie (20 % ; six mois de charges ou plus valent 1), emplois rapportés à l'objectif (15 %), utilisation des machines (10 %) et occupation des locaux (10 %). Une composante sans objet pour une manufacture (pas de machines, pas d'objectif d'emplois) est retirée et les poids des autres sont recalculés pour que leur somme fasse 100 %."),

            SitePages.Section("Complétude et ponctualité des retours"),
            new ListBlock(
            [
                [new TextInline($"Un retour est attendu de chaque manufacture labellisée pour chaque trimestre, de celui de sa labellisation jusqu'à {FollowUp(data.Input.FollowUpQuarters)}, tant qu'elle n'a pas fermé (le trimestre de sa fermeture est encore attendu).")],
                [new TextInline($"Un retour attendu est reçu à temps s'il est déposé et accepté au plus tard {FrenchFormat.Count(deadline)} jours après la fin du trimestre, en retard s'il l'est après, manquant s'il ne l'est pas (un dépôt refusé laisse le retour manquant). Quand l'heure de dépôt d'un retour est perdue (fichiers recopiés), sa ponctualité est inconnue et n'est pas comptée.")],
                [new TextInline("Taux de complétude : retours reçus divisés par retours attendus. Taux de ponctualité : retours reçus à temps divisés par retours attendus.")],
            ]),

            SitePages.Section("Les totaux et les médianes"),
            new ListBlock(
            [
                [new TextInline("Les totaux (emplois) sont des sommes sur les retours reçus : ils dépendent donc du nombre de manufactures qui ont déposé leur retour. Une baisse peut venir de retours manquants plutôt que d'emplois perdus ; c'est pourquoi chaque total est donné avec le nombre de retours reçus et attendus (« d'après 5 retours sur 7 attendus »), et les graphiques marquent d'un cercle les trimestres où des retours manquent.")],
                [new TextInline("Les médianes et les quartiles sont calculés sur les manufactures qui ont déposé un retour pour le trimestre ; la médiane partage les manufactures en deux moitiés égales.")],
                [new TextInline("Les courbes d'une manufacture s'interrompent au trimestre d'un retour manquant : aucune valeur n'est inventée entre deux retours.")],
            ]),

            SitePages.Section("Secret statistique"),
            ParagraphBlock.Of($"Une valeur calculée sur moins de {StatisticalSecrecy.MinWorkshops} manufactures, ou dont une seule manufacture représente {FrenchFormat.Percent((double)StatisticalSecrecy.DominanceShare)} ou plus du total, n'est pas publiée : elle est remplacée par « {StatisticalSecrecy.Label} » dans les pages et absente des fichiers et des graphiques. Le site public ne donne aucun chiffre d'une manufacture prise seule."),

            SitePages.Section("Le niveau de risque"),
            ParagraphBlock.Of("Pendant l'accompagnement, un modèle statistique estime pour chaque manufacture la probabilité qu'elle entre en difficulté dans les quatre trimestres qui suivent : trésorerie de moins d'un mois de charges, recettes propres en baisse de 30 % ou plus sur un an, deux retours manquants de suite, fermeture ou difficulté signalée. Le niveau (vert, orange, rouge) et ses raisons servent aux accompagnateurs pour agir tôt. Le niveau d'une manufacture n'est jamais publié : être désignée « en difficulté » sur un site public nuirait à la manufacture elle-même. Seuls des nombres de manufactures par niveau le sont, sous le secret statistique."),

            SitePages.Section("L'évaluation d'impact"),
            ParagraphBlock.Of("Pour savoir ce que la labellisation a changé, l'évaluation compare l'évolution des manufactures labellisées, avant et après leur labellisation, à celle des candidates qui n'ont pas été retenues, suivies sur les mêmes trimestres (méthode des doubles différences par vague de labellisation, de Callaway et Sant'Anna, 2021). Cette comparaison retire ce qui distingue durablement les lauréates des autres candidates et ce qui a touché tout le monde au même moment (la conjoncture)."),
            ParagraphBlock.Of("L'incertitude est mesurée par rééchantillonnage (bootstrap) des manufactures : l'intervalle de confiance à 95 % contient l'effet réel dans 95 % des cas si les hypothèses tiennent, la principale étant que, sans la labellisation, lauréates et candidates non retenues auraient évolué de la même façon. Les trimestres avant la labellisation servent de contrôle : l'effet estimé y doit être proche de zéro."),

            SitePages.Section("Contour de la carte et mise en page"),
            ParagraphBlock.Of("Contour de la France métropolitaine et des départements d'outre-mer : Natural Earth, échelle 1:50 000 000 (domaine public). Sur la carte, les manufactures voisines sont écartées les unes des autres pour rester visibles, ou regroupées dans une pastille chiffrée : leur place y est approchée, leurs coordonnées exactes sont dans le tableau. Mise en page : Système de design de l'État (DSFR), copié avec le site ; aucune ressource n'est chargée depuis un autre site."),
        };
        return SitePage.Render(new PageModel("", "Sources et méthodes", b) { Chrome = data.Chrome(""), Simulated = data.Input.Simulated });
    }

    private static string FollowUp(int quarters) => quarters switch
    {
        0 => "la fin de son accompagnement",
        1 => "un trimestre après la fin de son accompagnement",
        _ => $"{FrenchFormat.Count(quarters)} trimestres après la fin de son accompagnement",
    };

    /// <summary>The published indicators, as the page defines them (the open data's column keys are in dictionnaire.csv).</summary>
    private static IReadOnlyList<(string Name, string Definition, string Unit)> Definitions { get; } =
    [
        ("Emplois totaux", "Salariés de la structure qui gère la manufacture, plus emplois des entreprises qu'elle héberge, tels que déclarés dans le retour.", "emplois"),
        ("Recettes propres", "Somme des sept recettes déclarées : locations d'espaces, temps machine, formations, prestations de services, services publics, événements et restauration, autres recettes.", "euros par trimestre"),
        ("Part des recettes propres", "Recettes propres divisées par la somme des recettes propres et des subventions de fonctionnement : le passage des subventions à la vente de services.", "pourcentage"),
        ("Résultat d'exploitation", "Recettes propres plus subventions de fonctionnement, moins charges d'exploitation du trimestre.", "euros par trimestre"),
        ("Marge d'exploitation", "Résultat d'exploitation divisé par la somme des recettes propres et des subventions de fonctionnement.", "pourcentage"),
        ("Trésorerie en mois de charges", "Trésorerie de fin de trimestre divisée par les charges d'exploitation d'un mois (charges du trimestre divisées par trois) ; négative en cas de découvert.", "mois"),
        ("Taux d'utilisation des machines", "Heures de machines réservées divisées par heures disponibles.", "pourcentage"),
        ("Taux d'occupation des locaux", "Surface occupée divisée par la surface totale des locaux.", "pourcentage"),
        ("Indice de vitalité économique", "Moyenne pondérée de six composantes, détaillée ci-dessous.", "0 à 100"),
    ];
}
