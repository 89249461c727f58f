using Impact.Analytics.Statistics;
using System.Text;

namespace Impact.Simulation;

/// <summary>What happened in a quarter, for the narrative a workshop writes about it.</summary>
[Flags]
internal enum QuarterHappenings
{
    None = 0,
    FirstQuarter = 1,
    Closing = 2,
    Shock = 4,
    LeaseRenewed = 8,
    PremisesLost = 16,
    Hired = 32,
    LaidOff = 64,
    LowCash = 128,
    Summer = 256,
    NewEnterprises = 512,
    Rescued = 1024,
}

/// <summary>
/// Short, plain French sentences for the narrative field, chosen from what happened in the quarter. A few carry a
/// quotation or a semicolon so that CSV quoting is exercised. Every character is in Windows-1252, and no sentence
/// starts like a spreadsheet formula or holds a tag, so a narrative never makes a valid return rejected.
/// </summary>
internal static class SimulatedNarratives
{
    private static readonly string[] Ordinary =
    [
        "Bonne fréquentation des ateliers ce trimestre.",
        "La découpeuse laser tourne à plein pour les artisans du territoire.",
        "Portes ouvertes réussies ; plus de visiteurs que prévu.",
        "Premières petites séries pour une PME voisine.",
        "Atelier céramique complet jusqu'à la fin du trimestre.",
        "Lancement d'une formation à la soudure avec le lycée professionnel.",
        "Nouveau partenariat avec la communauté de communes.",
        "Un artisan résume : \"ici, on ose enfin prototyper\".",
        "Article dans la presse locale : \"la manufacture fait revivre la friche\".",
        "Stage de vannerie et de tapisserie complet, liste d'attente ouverte.",
        "Mise en service d'une fraiseuse numérique financée par l'aide à l'investissement.",
        "Marché de créateurs en décembre, 40 exposants.",
        "Deux classes de collège accueillies pour découvrir les métiers du bois.",
        "Commande publique de mobilier pour la médiathèque.",
    ];

    private static readonly string[] Difficult =
    [
        "Trésorerie tendue : retards de paiement de deux clients.",
        "Baisse des réservations de machines ; nous revoyons nos tarifs.",
        "Panne de la fraiseuse numérique pendant six semaines.",
        "Subvention régionale versée avec retard.",
        "Moins de commandes des entreprises locales ce trimestre.",
    ];

    public static string Write(QuarterHappenings what, SeededRandom random)
    {
        if (what.HasFlag(QuarterHappenings.Closing))
        {
            return random.Pick<string>(
            [
                "Cessation d'activité décidée en assemblée générale ; merci à tous les partenaires.",
                "Liquidation prononcée : les machines seront reprises par une autre manufacture.",
                "Fermeture de la manufacture à la fin du trimestre, faute de trésorerie.",
            ]);
        }

        if (what == QuarterHappenings.None && random.Chance(0.1))
        {
            return "";
        }

        var sentences = new List<string>(3);
        if (what.HasFlag(QuarterHappenings.FirstQuarter))
        {
            sentences.Add("Premier trimestre après la labellisation : installation des machines et recrutement en cours.");
        }

        if (what.HasFlag(QuarterHappenings.PremisesLost))
        {
            sentences.Add("Bail non renouvelé : installation provisoire sous convention d'occupation, recherche de nouveaux locaux.");
        }
        else if (what.HasFlag(QuarterHappenings.LeaseRenewed))
        {
            sentences.Add("Bail renouvelé pour trois ans.");
        }

        if (what.HasFlag(QuarterHappenings.Shock))
        {
            sentences.Add(random.Pick<string>(
            [
                "Perte de notre principal client industriel.",
                "Dégât des eaux dans l'atelier : activité réduite pendant deux mois.",
                "Départ de la coordinatrice ; l'équipe se réorganise.",
            ]));
        }

        if (what.HasFlag(QuarterHappenings.Rescued))
        {
            sentences.Add("Aide exceptionnelle de la collectivité pour passer le cap.");
        }

        if (what.HasFlag(QuarterHappenings.LowCash))
        {
            sentences.Add(random.Pick(Difficult));
        }

        if (what.HasFlag(QuarterHappenings.LaidOff))
        {
            sentences.Add("Départ d'un salarié non remplacé.");
        }
        else if (what.HasFlag(QuarterHappenings.Hired))
        {
            sentences.Add("Recrutement d'un animateur d'atelier.");
        }

        if (what.HasFlag(QuarterHappenings.NewEnterprises) && random.Chance(0.5))
        {
            sentences.Add("Nouvelles entreprises installées dans les ateliers partagés.");
        }

        if (what.HasFlag(QuarterHappenings.Summer) && random.Chance(0.3))
        {
            sentences.Add("Été calme côté formation ; fermeture trois semaines en août.");
        }

        if (sentences.Count == 0 || random.Chance(0.3))
        {
            sentences.Add(random.Pick(Ordinary));
        }

        var text = new StringBuilder();
        foreach (var sentence in sentences.Take(3))
        {
            text.Append(text.Length == 0 ? "" : " ").Append(sentence);
        }

        return text.ToString();
    }
}
