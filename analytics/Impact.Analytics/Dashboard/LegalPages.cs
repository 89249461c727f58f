using Impact.Analytics.Dashboard.Pages;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The two pages every public site of the State owes its readers, on the public site and in the signed-in views: the
/// accessibility statement (RGAA: conformity status, known non-conformities, how it was established, contact, recourse
/// to the Défenseur des droits, date) and the personal data page (what is held, why, who reads it, how long, rights).
/// </summary>
internal static class LegalPages
{
    /// <summary>The file of the accessibility statement.</summary>
    public const string AccessibilityFile = "accessibilite.html";

    /// <summary>The file of the personal data page.</summary>
    public const string PersonalDataFile = "donnees-personnelles.html";

    private const string Lead = "fr-text--lead";

    /// <summary>The Défenseur des droits' online form.</summary>
    public const string DefenderForm = "https://formulaire.defenseurdesdroits.fr/";

    /// <summary>The Défenseur des droits' delegates.</summary>
    public const string DefenderDelegates = "https://www.defenseurdesdroits.fr/saisir/delegues";

    /// <summary>The CNIL's complaints page.</summary>
    public const string CnilComplaint = "https://www.cnil.fr/fr/plaintes";

    /// <summary>
    /// The only addresses outside the site that its pages name: links a reader follows to seek redress, never a resource
    /// a page loads.
    /// </summary>
    public static IReadOnlyList<string> ExternalLinks { get; } = [DefenderForm, DefenderDelegates, CnilComplaint];

    public static string Accessibility(SitePublisher publisher, bool simulated = false)
    {
        IReadOnlyList<string> measures =
        [
            "Pages en français déclarées comme telles, titres de page uniques, hiérarchie de titres h1, h2, h3 sans saut.",
            "Liens d'évitement vers le contenu, le menu et le pied de page ; navigation possible au clavier, sans script.",
            "Chaque graphique a une alternative textuelle qui dit ce qu'il montre et ses chiffres principaux, et le tableau de ses données (avec un titre) juste après lui, ainsi qu'un fichier CSV.",
            "Les couleurs des graphiques viennent de la palette de visualisation de données du DSFR et ne sont jamais le seul repère : chaque série a aussi son motif de trait et sa forme de point ; les textes ont un contraste suffisant.",
            "Nombres au format français (1 234,5 € ; 42 %), unités écrites en toutes lettres dans les titres d'axes.",
            "Les textes libres déposés par les manufactures sont affichés comme du texte, jamais interprétés.",
        ];
        IReadOnlyList<string> defects =
        [
            "Sur un écran de téléphone, le texte à l'intérieur des graphiques devient trop petit pour être lu ; le tableau de données placé sous chaque graphique reste lisible.",
            "Certaines images de graphiques sont affichées avec un rapport largeur sur hauteur qui n'est pas le leur, ce qui les déforme ; le tableau de données qui les suit donne les mêmes chiffres.",
            "Sur la carte, des manufactures voisines se superposent et ne peuvent pas être distinguées ; la liste des manufactures de chaque région les donne toutes.",
            "Dans l'espace connecté, le champ de date du formulaire de suivi des alertes suit le format de date du navigateur, qui peut ne pas être le format français.",
        ];
        var blocks = new List<PageBlock>
        {
            new HeadingBlock(1, "Déclaration d'accessibilité"),
            ParagraphBlock.Of("L'équipe du dispositif « Manufactures de proximité » s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.", Lead),
            ParagraphBlock.Of("Cette déclaration s'applique au tableau de bord public du dispositif et à son espace connecté (manufactures, accompagnateurs, ministère)."),
            new HeadingBlock(2, "État de conformité"),
            ParagraphBlock.Of("Ce site est non conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2 : il n'a encore fait l'objet d'aucun audit de conformité, et des défauts sont connus (voir ci-dessous)."),
            new HeadingBlock(2, "Résultats des tests"),
            ParagraphBlock.Of("Aucun audit n'ayant été réalisé, le taux de conformité n'est pas connu. Les mesures suivantes sont vérifiées par des tests automatisés à chaque version du site :"),
            new ListBlock([.. measures.Select(m => (IReadOnlyList<Inline>)[new TextInline(m)])]),
            new HeadingBlock(2, "Contenus non accessibles"),
            new HeadingBlock(3, "Non-conformités connues"),
            new ListBlock([.. defects.Select(m => (IReadOnlyList<Inline>)[new TextInline(m)])]),
            new HeadingBlock(3, "Dérogations pour charge disproportionnée"),
            ParagraphBlock.Of("Aucune."),
            new HeadingBlock(3, "Contenus non soumis à l'obligation d'accessibilité"),
            ParagraphBlock.Of("Aucun."),
            new HeadingBlock(2, "Établissement de cette déclaration"),
            ParagraphBlock.Of(publisher.UpdatedOn is { } on
                ? $"Cette déclaration a été établie sans audit et mise à jour le {FrenchFormat.Date(on)}, date du traitement trimestriel qui a produit ce site."
                : "Cette déclaration a été établie sans audit ; elle est mise à jour à chaque traitement trimestriel qui produit ce site."),
            ParagraphBlock.Of("Technologies utilisées : HTML5, CSS (Système de design de l'État, DSFR), images SVG et PNG. Aucun script n'est nécessaire à la lecture. Environnement des tests automatisés : navigateur Chromium, à des largeurs d'écran de 1 280 et 390 pixels."),
            new HeadingBlock(2, "Retour d'information et contact"),
        };
        blocks.Add(Contact(publisher, "Si vous ne pouvez pas accéder à un contenu ou à un service, écrivez à ", " : vous serez orienté vers une alternative accessible ou recevrez le contenu sous une autre forme."));
        blocks.AddRange(
        [
            new HeadingBlock(2, "Voies de recours"),
            ParagraphBlock.Of("Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :"),
            new ListBlock(
            [
                [new TextInline("en lui écrivant par son formulaire en ligne : "), new LinkInline(DefenderForm, "formulaire du Défenseur des droits"), new TextInline(" ;")],
                [new TextInline("en contactant le délégué du Défenseur des droits de votre région : "), new LinkInline(DefenderDelegates, "liste des délégués"), new TextInline(" ;")],
                [new TextInline("par téléphone, au 09 69 39 00 00 ;")],
                [new TextInline("par courrier, gratuit et sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.")],
            ]),
        ]);
        return SitePage.Render(new PageModel("", "Accessibilité", blocks) { Simulated = simulated });
    }

    public static string PersonalData(SitePublisher publisher, bool simulated = false)
    {
        var days = FrenchFormat.Count(publisher.ReportRetentionDays);
        IReadOnlyList<(string Data, string Purpose, string Readers, string Kept)> rows =
        [
            ("Adresse électronique de contact de chaque manufacture", "lui envoyer le rapport de validation de ses retours et les relances", "la manufacture, le ministère", "tant que la manufacture est dans le dispositif"),
            ("Nom et adresse électronique des accompagnateurs", "leur envoyer les alertes, la synthèse hebdomadaire et les rappels", "l'accompagnateur, le ministère", "tant qu'ils accompagnent une manufacture du dispositif"),
            ("Comptes d'accès à l'espace connecté (adresse ou identifiant, rôle)", "ouvrir à chacun ce qu'il a le droit de lire", "le ministère", "tant que le compte est ouvert"),
            ("Identité du compte qui a déposé un retour", "savoir qui a envoyé quel fichier", "la manufacture, son accompagnateur, le ministère", "comme les retours, pendant le dispositif et son évaluation"),
            ("Textes libres des retours (faits marquants), qui peuvent nommer des personnes", "éclairer les chiffres du trimestre", "la manufacture, son accompagnateur, le ministère ; jamais le public", "comme les retours"),
            ("Notes de suivi des accompagnateurs", "garder trace de ce qui a été fait après une alerte", "l'accompagnateur de la manufacture, le ministère ; jamais la manufacture ni le public", "comme l'historique des alertes, pendant le dispositif et son évaluation"),
            ("Rapports de validation et versions successives du registre et des comptes", "dire à la manufacture quoi corriger ; retrouver une version précédente", "la manufacture (ses rapports), le ministère", $"{days} jours après leur dernière modification, puis supprimés automatiquement"),
        ];
        var blocks = new List<PageBlock>
        {
            new HeadingBlock(1, "Données personnelles"),
            ParagraphBlock.Of("Le tableau de bord public ne contient aucune donnée personnelle : il présente le dispositif dans son ensemble, sous secret statistique, et les informations publiques des manufactures (nom, commune, région, vague, date de labellisation). Il ne dépose aucun cookie et ne mesure pas l'audience.", Lead),
            new HeadingBlock(2, "Ce que le dispositif traite"),
            ParagraphBlock.Of("Le suivi du dispositif (dépôt des retours trimestriels, alertes, espace connecté) traite les données suivantes, au titre de la mission d'intérêt public du ministère qui le pilote (article 6, paragraphe 1, point e, du règlement général sur la protection des données) :"),
        };
        // One short section per datum rather than a four-column table: it reads on a phone without scrolling sideways.
        foreach (var r in rows)
        {
            blocks.Add(new HeadingBlock(3, r.Data, CssClass: "fr-h6 fr-mt-3w fr-mb-1w"));
            blocks.Add(new ListBlock(
            [
                [new TextInline("Pour quoi faire : " + r.Purpose + ".")],
                [new TextInline("Qui la lit : " + r.Readers + ".")],
                [new TextInline("Combien de temps : " + r.Kept + ".")],
            ]));
        }

        blocks.AddRange(
        [
            ParagraphBlock.Of("Aucune de ces données n'est publiée, vendue ni transmise hors du dispositif. Les textes déposés sont affichés comme du texte et les fichiers exportés neutralisent les formules de tableur."),
            new HeadingBlock(2, "Vos droits"),
        ]);
        blocks.Add(Contact(publisher, "Vous pouvez accéder aux données qui vous concernent, les faire rectifier ou vous opposer à leur traitement en écrivant à ", "."));
        blocks.Add(new ParagraphBlock(
        [
            new TextInline("Si, après nous avoir écrit, vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés : "),
            new LinkInline(CnilComplaint, "réclamation auprès de la CNIL"),
            new TextInline("."),
        ]));
        return SitePage.Render(new PageModel("", "Données personnelles", blocks) { Simulated = simulated });
    }

    /// <summary>A sentence around the contact address; without one, says that it is still to be set, rather than inventing one.</summary>
    private static ParagraphBlock Contact(SitePublisher publisher, string before, string after) => publisher.ContactEmail is { Length: > 0 } email
        ? new ParagraphBlock([new TextInline(before), new LinkInline("mailto:" + email, email), new TextInline(after)])
        : ParagraphBlock.Of(before + "l'équipe du dispositif au ministère (l'adresse de contact de ce site n'a pas encore été fixée)" + after);
}
