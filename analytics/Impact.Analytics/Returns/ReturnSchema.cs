namespace Impact.Analytics.Returns;

/// <summary>
/// Schema v1 of the quarterly return (DOMAIN.md, "Quarterly return, schema v1"): every field once.
/// Flows are for the quarter, stocks at its end; amounts are euros.
/// Plausibility thresholds come from the sector figures of DOMAIN.md (about €252k turnover a year,
/// about 7 salaried jobs and 14 hosted structures per site): a value far above them is accepted
/// with a warning so that a typing slip (an extra zero) is caught, never silently trusted.
/// </summary>
public static class ReturnSchema
{
    /// <summary>The schema version written in templates and stored with each accepted return.</summary>
    public const int Version = 1;

    /// <summary>Largest narrative accepted, in characters.</summary>
    public const int NarrativeMaxLength = 4000;

    private const string CountHelp = "Nombre entier ; indiquez 0 s'il n'y en a pas.";
    private const string FlowEuroHelp = "Montant du trimestre en euros, hors taxes ; 0 si aucun.";

#pragma warning disable CS1591 // The fields are documented by their French label and help, right here.
    public static readonly ReturnField WorkshopId = new("workshop_id", "Identifiant de la manufacture", "", FieldKind.Identifier, true,
        "L'identifiant attribué par le ministère (registre des manufactures), par exemple MP-001.");
    public static readonly ReturnField QuarterField = new("quarter", "Trimestre", "", FieldKind.Quarter, true,
        "Le trimestre déclaré, par exemple T3 2024 (ou 2024-Q3, 2024-T3).");
    public static readonly ReturnField Status = new("status", "Statut de la manufacture", "", FieldKind.Choice, true,
        "Votre situation à la fin du trimestre.")
    {
        Choices =
        [
            new("active", "en activité") { Aliases = ["actif", "active", "activité"] },
            new("suspended", "activité suspendue") { Aliases = ["suspendu", "suspendue", "en pause"] },
            new("closed", "fermée") { Aliases = ["fermé", "fermeture", "cessation d'activité"] },
        ],
    };

    public static readonly ReturnField StaffHeadcount = Count("staff_headcount", "Salariés de la structure porteuse (fin de trimestre)", "personnes", 1000, 60,
        "Effectif salarié de la structure qui porte la manufacture, au dernier jour du trimestre.");
    public static readonly ReturnField StaffFte = Number("staff_fte", "Salariés en équivalent temps plein", "ETP", 1000, 60,
        "Effectif en équivalents temps plein (ETP) ; il ne peut pas dépasser l'effectif salarié.");
    public static readonly ReturnField JobsCreated = Count("jobs_created", "Emplois créés dans le trimestre", "emplois", 500, 20,
        "Postes salariés créés dans la structure porteuse pendant le trimestre.");
    public static readonly ReturnField JobsLost = Count("jobs_lost", "Emplois supprimés dans le trimestre", "emplois", 500, 20,
        "Postes salariés supprimés ou non renouvelés pendant le trimestre.");
    public static readonly ReturnField HostedEnterprises = Count("hosted_enterprises", "Entreprises hébergées", "structures", 1000, 100,
        "Artisans, TPE et autres structures installés dans vos locaux à la fin du trimestre.");
    public static readonly ReturnField HostedEnterpriseJobs = Count("hosted_enterprise_jobs", "Emplois des entreprises hébergées", "emplois", 5000, 300,
        "Emplois (dirigeants compris) des structures hébergées, à la fin du trimestre.");
    public static readonly ReturnField EnterprisesCreated = Count("enterprises_created", "Entreprises installées ou créées dans le trimestre", "structures", 500, 30,
        "Structures nouvellement installées chez vous ou créées grâce à la manufacture pendant le trimestre.");
    public static readonly ReturnField Trainees = Count("trainees", "Personnes formées", "personnes", 100_000, 2000,
        "Personnes ayant suivi une formation dans le trimestre.");
    public static readonly ReturnField TrainingHours = Number("training_hours", "Heures de formation dispensées", "h", 1_000_000, 20_000,
        "Total des heures de formation (heures × stagiaires) dans le trimestre.");
    public static readonly ReturnField Apprentices = Count("apprentices", "Apprentis accueillis", "personnes", 1000, 50,
        "Apprentis présents pendant le trimestre.");
    public static readonly ReturnField HeritageSkillSessions = Count("heritage_skill_sessions", "Séances de transmission de savoir-faire rares", "séances", 10_000, 500,
        "Séances consacrées aux savoir-faire rares ou patrimoniaux dans le trimestre.");
    public static readonly ReturnField SchoolVisits = Count("school_visits", "Visites scolaires", "visites", 10_000, 300,
        "Visites de classes ou de groupes scolaires dans le trimestre.");
    public static readonly ReturnField Events = Count("events", "Événements ouverts au public", "événements", 10_000, 300,
        "Événements ouverts à tous (portes ouvertes, ateliers, marchés…) dans le trimestre.");
    public static readonly ReturnField Visitors = Count("visitors", "Visiteurs accueillis", "personnes", 10_000_000, 100_000,
        "Nombre de visiteurs accueillis dans le trimestre (estimation acceptée).");
    public static readonly ReturnField MachineHoursBooked = Number("machine_hours_booked", "Heures-machines réservées", "h", 1_000_000, 50_000,
        "Heures d'utilisation des machines partagées réservées dans le trimestre.");
    public static readonly ReturnField MachineHoursAvailable = Number("machine_hours_available", "Heures-machines disponibles", "h", 1_000_000, 50_000,
        "Heures d'ouverture des machines partagées dans le trimestre (machines × heures).");
    public static readonly ReturnField WorkspaceM2Total = Number("workspace_m2_total", "Surface totale des locaux", "m²", 1_000_000, 50_000,
        "Surface des locaux de la manufacture à la fin du trimestre.");
    public static readonly ReturnField WorkspaceM2Occupied = Number("workspace_m2_occupied", "Surface occupée", "m²", 1_000_000, 50_000,
        "Surface occupée ou louée à la fin du trimestre ; elle ne peut pas dépasser la surface totale.");
    public static readonly ReturnField PrototypesShortRuns = Count("prototypes_short_runs", "Prototypes et petites séries réalisés", "réalisations", 100_000, 1000,
        "Prototypes et petites séries produits pour des entreprises dans le trimestre.");
    public static readonly ReturnField B2bContracts = Count("b2b_contracts", "Contrats avec des entreprises", "contrats", 100_000, 500,
        "Contrats ou commandes passés avec des entreprises dans le trimestre.");
    public static readonly ReturnField PublicServiceContracts = Count("public_service_contracts", "Contrats avec des acteurs publics", "contrats", 100_000, 200,
        "Contrats ou commandes passés avec des collectivités ou organismes publics dans le trimestre.");
    public static readonly ReturnField RevenueRent = Euros("revenue_rent", "Recettes de location d'espaces", 500_000,
        "Loyers et redevances des espaces mis à disposition. " + FlowEuroHelp);
    public static readonly ReturnField RevenueMachineTime = Euros("revenue_machine_time", "Recettes de mise à disposition de machines", 500_000,
        "Facturation du temps machine. " + FlowEuroHelp);
    public static readonly ReturnField RevenueTraining = Euros("revenue_training", "Recettes de formation", 500_000,
        "Formations facturées. " + FlowEuroHelp);
    public static readonly ReturnField RevenueServices = Euros("revenue_services", "Recettes de prestations de services", 500_000,
        "Prestations, prototypes et petites séries facturés à des entreprises ou des particuliers. " + FlowEuroHelp);
    public static readonly ReturnField RevenuePublicServices = Euros("revenue_public_services", "Recettes de prestations pour des acteurs publics", 500_000,
        "Prestations vendues à des collectivités ou organismes publics (pas les subventions). " + FlowEuroHelp);
    public static readonly ReturnField RevenueEventsCatering = Euros("revenue_events_catering", "Recettes d'événements et de restauration", 500_000,
        "Billetterie, restauration, buvette. " + FlowEuroHelp);
    public static readonly ReturnField RevenueOther = Euros("revenue_other", "Autres recettes propres", 500_000,
        "Toute autre recette propre (adhésions, dons…). " + FlowEuroHelp);
    public static readonly ReturnField OperatingSubsidies = Euros("operating_subsidies", "Subventions de fonctionnement reçues", 1_000_000,
        "Subventions de fonctionnement reçues (État, collectivités, Europe). " + FlowEuroHelp);
    public static readonly ReturnField InvestmentGrantReceived = Euros("investment_grant_received", "Aide à l'investissement reçue", 5_000_000,
        "Aide à l'investissement versée dans le trimestre ; ce n'est pas une recette de fonctionnement. " + FlowEuroHelp);
    public static readonly ReturnField OperatingExpenses = Euros("operating_expenses", "Charges d'exploitation", 1_500_000,
        "Total des charges d'exploitation du trimestre (salaires, loyers, énergie, achats…).");
    public static readonly ReturnField CashEnd = new("cash_end", "Trésorerie en fin de trimestre", "€", FieldKind.Money, true,
        "Solde de trésorerie au dernier jour du trimestre ; négatif en cas de découvert.")
    {
        Min = -50_000_000m, Max = 50_000_000m, PlausibleMax = 5_000_000m,
    };
    public static readonly ReturnField PremisesStatus = new("premises_status", "Statut des locaux", "", FieldKind.Choice, true,
        "Comment vous occupez vos locaux à la fin du trimestre.")
    {
        Choices =
        [
            new(PremisesStatuses.Owned, "propriétaire") { Aliases = ["propriété", "en propriété"] },
            new(PremisesStatuses.LocalAuthorityProvided, "mis à disposition par une collectivité") { Aliases = ["mis à disposition", "mise à disposition", "collectivité", "prêt de la collectivité"] },
            new(PremisesStatuses.Leased, "location (bail)") { Aliases = ["location", "bail", "locataire", "loué", "bail commercial"] },
            new(PremisesStatuses.TemporaryAgreement, "convention d'occupation temporaire") { Aliases = ["convention", "convention d'occupation", "occupation temporaire", "COT"] },
            new(PremisesStatuses.None, "pas de locaux") { Aliases = ["aucun", "aucun local", "sans locaux", "néant"] },
        ],
    };
    public static readonly ReturnField LeaseEnd = new("lease_end", "Fin du bail ou de la convention", "", FieldKind.Date, false,
        "Date de fin du bail ou de la convention d'occupation, au format AAAA-MM-JJ ; laissez vide si sans objet.");
    public static readonly ReturnField LocalAuthorityPartner = new("local_authority_partner", "Collectivité partenaire", "", FieldKind.YesNo, true,
        "Une collectivité locale est-elle partenaire de la manufacture ? oui ou non.");
    public static readonly ReturnField PartnersCount = Count("partners_count", "Nombre de partenaires", "partenaires", 10_000, 200,
        "Partenaires actifs (entreprises, associations, collectivités, écoles) à la fin du trimestre.");
    public static readonly ReturnField Narrative = new("narrative", "Faits marquants et difficultés", "", FieldKind.Text, false,
        "Texte libre de 4 000 caractères au plus ; pas de formule de tableur ni de balise HTML.")
    {
        MaxLength = NarrativeMaxLength,
    };
#pragma warning restore CS1591

    /// <summary>All fields of schema v1, in template order.</summary>
    public static IReadOnlyList<ReturnField> Fields { get; } =
    [
        WorkshopId, QuarterField, Status,
        StaffHeadcount, StaffFte, JobsCreated, JobsLost,
        HostedEnterprises, HostedEnterpriseJobs, EnterprisesCreated,
        Trainees, TrainingHours, Apprentices, HeritageSkillSessions,
        SchoolVisits, Events, Visitors,
        MachineHoursBooked, MachineHoursAvailable,
        WorkspaceM2Total, WorkspaceM2Occupied,
        PrototypesShortRuns, B2bContracts, PublicServiceContracts,
        RevenueRent, RevenueMachineTime, RevenueTraining, RevenueServices, RevenuePublicServices, RevenueEventsCatering, RevenueOther,
        OperatingSubsidies, InvestmentGrantReceived, OperatingExpenses, CashEnd,
        PremisesStatus, LeaseEnd, LocalAuthorityPartner, PartnersCount,
        Narrative,
    ];

    /// <summary>The seven own-revenue fields (DOMAIN.md): everything but subsidies and investment aid.</summary>
    public static IReadOnlyList<ReturnField> OwnRevenueFields { get; } =
        [RevenueRent, RevenueMachineTime, RevenueTraining, RevenueServices, RevenuePublicServices, RevenueEventsCatering, RevenueOther];

    private static readonly Dictionary<string, ReturnField> ByKeyMap = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>The field with this machine key (exact, lower case), or null.</summary>
    public static ReturnField? Find(string key) => ByKeyMap.GetValueOrDefault(key);

    private static ReturnField Count(string key, string label, string unit, int max, int plausibleMax, string help) =>
        new(key, label, unit, FieldKind.WholeNumber, true, $"{help} {CountHelp}") { Min = 0, Max = max, PlausibleMax = plausibleMax };

    private static ReturnField Number(string key, string label, string unit, int max, int plausibleMax, string help) =>
        new(key, label, unit, FieldKind.DecimalNumber, true, help) { Min = 0, Max = max, PlausibleMax = plausibleMax };

    private static ReturnField Euros(string key, string label, int plausibleMax, string help) =>
        new(key, label, "€", FieldKind.Money, true, help) { Min = 0, Max = 50_000_000m, PlausibleMax = plausibleMax };
}
