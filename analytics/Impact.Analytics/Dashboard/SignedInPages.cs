using System.Globalization;
using Impact.Analytics.Dashboard.Pages;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Risk;
using Impact.Analytics.Validation;
using static Impact.Analytics.Dashboard.SitePages;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The pages of the signed-in views that are rendered on request (<see cref="SignedInSite"/>): a workshop's page, a
/// coach's portfolio, and the message pages (access refused, sign-in needed). Every page sits one level under
/// <c>/app/</c>, so its root is <c>../</c>; the API is linked from the host's root (<c>/api/…</c>).
/// </summary>
internal static class SignedInPages
{
    private const string Root = "../";

    /// <summary>Where signing out goes, relative to <c>/app/</c>.</summary>
    private const string SignOut = "deconnexion";

    /// <summary>The ministry's frame: the national views.</summary>
    public static PageChrome MinistryChrome(string root, string signedInAs) => new(
        root + "index.html",
        [
            new LinkInline(root + "index.html", "Vue nationale"),
            new LinkInline(root + "index.html#regions", "Régions"),
            new LinkInline(root + "completude.html", "Complétude des retours"),
            new LinkInline(root + "alertes", "Alertes rouges"),
            new LinkInline(root + "index.html#telechargements", "Téléchargements"),
        ],
        signedInAs,
        root + SignOut);

    /// <summary>The frame of a reader: a workshop's home is its page, a coach's their portfolio, the ministry's the national view.</summary>
    public static PageChrome ChromeOf(ViewReader reader)
    {
        if (reader.IsMinistry)
        {
            return MinistryChrome(Root, reader.SignedInAs);
        }

        var home = reader.CoachId is { } coach ? $"{Root}coaches/{Uri.EscapeDataString(coach)}" : $"{Root}workshops/{Uri.EscapeDataString(reader.WorkshopId ?? "")}";
        return new PageChrome(home, [new LinkInline(home, reader.CoachId is null ? "Ma manufacture" : "Mon portefeuille")], reader.SignedInAs, Root + SignOut);
    }

    public static string Workshop(SiteData data, Workshop workshop, IReadOnlyList<Chart> charts, ViewReader reader,
        IReadOnlyList<SubmissionView> submissions, NoticeBlock? notice)
    {
        var id = Uri.EscapeDataString(workshop.WorkshopId);
        var sets = data.IndicatorsOf(workshop.WorkshopId);
        var latest = sets.Count == 0 ? null : sets[^1];
        var b = new List<PageBlock>();
        if (reader.IsMinistry)
        {
            b.Add(new ParagraphBlock([new LinkInline(Root + data.RegionPath(workshop.Region), "Région " + workshop.Region)], "fr-mt-2w"));
        }
        else if (reader.CoachId is { } coach)
        {
            b.Add(new ParagraphBlock([new LinkInline($"{Root}coaches/{Uri.EscapeDataString(coach)}", "Mon portefeuille")], "fr-mt-2w"));
        }

        if (notice is not null)
        {
            b.Add(notice);
        }

        b.Add(new HeadingBlock(1, workshop.Name, CssClass: "fr-mt-2w"));
        b.Add(ParagraphBlock.Of($"Manufacture de proximité de la région {workshop.Region} (département {workshop.Department}), {FrenchPhrase.InTerritory(workshop.TerritoryType)}, {data.WaveLabel(workshop.Wave).ToLowerInvariant()}. Situation au {data.AsOf.ToFrench()}.", Lead));
        b.Add(new ParagraphBlock(
        [
            new LinkInline("#risque", "Risque"), new TextInline(" · "),
            new LinkInline("#depots", "Dépôts et rapports"), new TextInline(" · "),
            new LinkInline("#deposer", reader.Uploads(workshop.WorkshopId) ? "Déposer un retour" : "Modèle de retour"), new TextInline(" · "),
            new LinkInline("#pairs", "Comparaison aux pairs"),
        ], "fr-text--sm"));
        if (latest is not null)
        {
            b.Add(new KeyFiguresBlock(
            [
                new(FrenchFormat.Count(latest.TotalJobs), $"emplois au {latest.Quarter.ToFrench()}"),
                new(latest.OwnRevenueShare is { } share ? FrenchFormat.Percent(share) : ChartTable.NoValue, "part des recettes propres"),
                new(latest.CashRunwayMonths is { } runway ? FrenchFormat.Months((double)runway) : ChartTable.NoValue, "de charges couverts par la trésorerie"),
                new(latest.VitalityIndex is { } index ? FrenchFormat.Number(index) : ChartTable.NoValue, "indice de vitalité économique (0 à 100)"),
            ]));
        }
        else
        {
            b.Add(new InfoBlock("Aucun retour accepté pour cette manufacture à ce jour."));
        }

        b.Add(Section("Risque de difficulté", "risque"));
        b.AddRange(RiskBlocks(data, workshop.WorkshopId, reader));

        b.Add(Section("Dépôts et rapports de validation", "depots"));
        b.AddRange(SubmissionBlocks(submissions));

        b.Add(Section(reader.Uploads(workshop.WorkshopId) ? "Déposer un retour" : "Modèle de retour", "deposer"));
        b.Add(new ParagraphBlock(
        [
            new TextInline("Le modèle de retour trimestriel, avec l'aide de chaque champ : "),
            new DownloadInline("/api/template?format=xlsx", "Modèle de retour", "XLSX (tableur)"),
            new TextInline(" ; "),
            new DownloadInline("/api/template?format=csv", "Modèle de retour", "CSV"),
            new TextInline(" ; "),
            new DownloadInline("/api/template?format=json", "Modèle de retour", "JSON"),
            new TextInline("."),
        ]));
        if (reader.Uploads(workshop.WorkshopId))
        {
            var quarters = Enumerable.Range(0, 5).Select(back => data.AsOf.AddQuarters(1 - back))
                .Where(q => q >= workshop.LabelledQuarter)
                .Select(q => (q.ToString(), q.ToFrench()))
                .ToList();
            b.Add(new UploadFormBlock($"{id}/depot", quarters,
                string.Create(CultureInfo.InvariantCulture, $"Formats acceptés : CSV, XLSX ou JSON, {ReturnReader.MaxBytes / 1024} Kio au plus. Un nouveau dépôt pour un trimestre déjà accepté le corrige ; les versions précédentes sont conservées.")));
        }

        b.Add(Section("Trajectoire comparée à ses pairs", "pairs"));
        b.Add(ParagraphBlock.Of("Chaque graphique compare la manufacture à la médiane des manufactures de la même vague (labellisées en même temps, donc au même stade d'accompagnement) et à celle des manufactures du même type de territoire, trimestre par trimestre depuis la labellisation."));
        b.AddRange(charts.Select(chart => Figure(Root, $"workshops/{id}/{ChartsFolder}", chart, Source(data)) with { ImageHref = $"{Root}workshops/{id}/{ChartsFolder}{chart.Name}.svg" }));

        b.Add(Section("Fiche de la manufacture"));
        b.Add(new TableBlock(
            $"Fiche {FrenchPhrase.Of(workshop.Name)} (registre des manufactures)",
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
            }.Select(r => (IReadOnlyList<Inline>)[new TextInline(r.Item1), new TextInline(r.Item2)])]));

        b.Add(Section("Faits marquants déclarés"));
        var narratives = sets.Reverse()
            .Select(s => (s.Quarter, Text: data.ReturnOf(workshop.WorkshopId, s.Quarter)?.Narrative))
            .Where(n => !string.IsNullOrWhiteSpace(n.Text))
            .Take(4)
            .ToList();
        b.Add(narratives.Count == 0
            ? ParagraphBlock.Of("Aucun fait marquant déclaré dans les derniers retours.")
            : ParagraphBlock.Of("Texte libre saisi par la manufacture dans ses derniers retours (quatre au plus), reproduit tel quel.", "fr-text--sm"));
        b.AddRange(narratives.Select(n => new QuoteBlock(n.Quarter.ToFrench(), [.. Paragraphs(n.Text!)])));

        return SitePage.Render(new PageModel(Root, workshop.Name, b) { Chrome = ChromeOf(reader), Simulated = data.Input.Simulated });
    }

    /// <summary>The risk section: the level for everyone allowed; the score and reasons for coaches and the ministry only.</summary>
    private static IEnumerable<PageBlock> RiskBlocks(SiteData data, string workshopId, ViewReader reader)
    {
        if (data.LatestRisk is null)
        {
            yield return new InfoBlock(NotYet("Le score de risque de difficulté", plural: false));
            yield break;
        }

        if (data.LatestRisk.GetValueOrDefault(workshopId) is not { } risk)
        {
            yield return new InfoBlock("Cette manufacture n'a pas de score de risque à ce jour (pas de retour exploitable).");
            yield break;
        }

        if (!reader.SeesRiskReasons)
        {
            yield return new ParagraphBlock(
            [
                new TextInline($"Niveau au {risk.Quarter.ToFrench()} : "),
                new BadgeInline(FrenchLabels.Risk(risk.Level), FrenchLabels.RiskBadge(risk.Level)),
                new TextInline("."),
            ]);
            yield return ParagraphBlock.Of("Ce niveau résume vos derniers retours (trésorerie, recettes, emplois, activité). Votre accompagnateur en connaît le détail : il peut le parcourir avec vous.", "fr-text--sm");
            yield break;
        }

        yield return new ParagraphBlock(
        [
            new TextInline($"Niveau au {risk.Quarter.ToFrench()} : "),
            new BadgeInline(FrenchLabels.Risk(risk.Level), FrenchLabels.RiskBadge(risk.Level)),
            new TextInline($" (score de {FrenchFormat.Number(risk.Score, 2)}, sur une échelle de 0 à 1){Trend(data, workshopId) switch { { } t => ", " + t, null => "" }}."),
        ]);
        if (risk.Reasons.Count > 0)
        {
            yield return ParagraphBlock.Of("Raisons :");
            yield return new ListBlock([.. risk.Reasons.Select(r => (IReadOnlyList<Inline>)[new TextInline(r)])]);
        }
    }

    /// <summary>The table of uploads, most recent first, then the findings of each report still kept.</summary>
    private static IEnumerable<PageBlock> SubmissionBlocks(IReadOnlyList<SubmissionView> submissions)
    {
        if (submissions.Count == 0)
        {
            yield return ParagraphBlock.Of("Aucun dépôt reçu de cette manufacture à ce jour.");
            yield break;
        }

        var ordered = submissions.OrderByDescending(s => s.ReceivedAt).ThenBy(s => s.FileName, StringComparer.Ordinal).ToList();
        yield return new TableBlock(
            "Dépôts reçus, du plus récent au plus ancien",
            ["Trimestre", "Reçu le (heure de Paris)", "Fichier", "Déposé par", "Statut", "Erreurs", "Avertissements"],
            [.. ordered.Select(s => (IReadOnlyList<Inline>)
            [
                new TextInline(s.Quarter?.ToFrench() ?? "inconnu"),
                new TextInline(FrenchFormat.DateTime(s.ReceivedAt)),
                new TextInline(s.FileName),
                new TextInline(s.SentBy),
                StateBadge(s),
                new TextInline(FrenchFormat.Count(s.ErrorCount)),
                new TextInline(FrenchFormat.Count(s.WarningCount)),
            ])]);
        foreach (var s in ordered.Where(s => s.Findings is { Count: > 0 }))
        {
            yield return new HeadingBlock(3, $"Rapport du dépôt du {FrenchFormat.DateTime(s.ReceivedAt)} ({s.Quarter?.ToFrench() ?? "trimestre inconnu"})", CssClass: "fr-h6 fr-mt-3w");
            yield return new ListBlock([.. s.Findings!.OrderBy(f => f.Severity == Severity.Error ? 0 : 1).Select(f => (IReadOnlyList<Inline>)
            [
                new BadgeInline(f.Severity == Severity.Error ? "Erreur" : "Avertissement", f.Severity == Severity.Error ? "fr-badge--error" : "fr-badge--warning"),
                new TextInline($" {(f.Label is null ? "" : f.Label + " : ")}{f.Message} {f.Fix}"),
            ])]);
        }

        if (ordered.Any(s => s.Findings is null && s.State is UploadState.Accepted or UploadState.Rejected))
        {
            yield return ParagraphBlock.Of("Le rapport détaillé des dépôts les plus anciens n'est plus conservé (durée de conservation des rapports, ou dépôt antérieur à la conservation de chaque rapport) ; le tableau garde le nombre d'erreurs et d'avertissements de chacun.", "fr-text--sm");
        }
    }

    private static BadgeInline StateBadge(SubmissionView s) => s.State switch
    {
        UploadState.Accepted => new BadgeInline(s.Version is { } v ? $"Accepté (version {FrenchFormat.Count(v)})" : "Accepté", "fr-badge--success"),
        UploadState.Rejected => new BadgeInline("Refusé", "fr-badge--error"),
        UploadState.Failed => new BadgeInline("Validation à reprendre", "fr-badge--warning"),
        _ => new BadgeInline("Reçu, en cours de validation", "fr-badge--info"),
    };

    public static string Portfolio(SiteData data, string coachId, IReadOnlyList<Workshop> workshops, ViewReader reader,
        IReadOnlyDictionary<string, PortfolioFacts> facts, DateOnly today, IReadOnlyList<AlertFollowUpView> alerts, NoticeBlock? notice)
    {
        var rows = workshops.Select(w =>
        {
            var risk = data.LatestRisk?.GetValueOrDefault(w.WorkshopId);
            var missing = data.Missing.Where(m => m.WorkshopId == w.WorkshopId).OrderBy(m => m.Quarter).ToList();
            var fact = facts.GetValueOrDefault(w.WorkshopId) ?? new PortfolioFacts(null, []);
            return (Workshop: w, Risk: risk, Overdue: missing.Where(m => m.Deadline < today).ToList(), Pending: missing.Where(m => m.Deadline >= today).ToList(), Fact: fact);
        })
        // What needs attention first: red, then amber; then returns overdue; then a last upload refused; then by name.
        .OrderBy(r => r.Risk?.Level switch { RiskLevels.Red => 0, RiskLevels.Amber => 1, RiskLevels.Green => 2, _ => 3 })
        .ThenByDescending(r => r.Overdue.Count)
        .ThenBy(r => r.Fact.LastSubmission?.State == UploadState.Rejected ? 0 : 1)
        .ThenBy(r => r.Workshop.Name, SiteData.FrenchOrder)
        .ToList();

        var own = string.Equals(reader.CoachId, coachId, StringComparison.Ordinal);
        var overdue = rows.Sum(r => r.Overdue.Count);
        var alerted = rows.Sum(r => r.Fact.Alerts.Count(a => a.Quarter == data.AsOf));
        var b = new List<PageBlock>
        {
            new HeadingBlock(1, own ? "Mon portefeuille" : $"Portefeuille de l'accompagnateur {coachId}", CssClass: "fr-mt-2w"),
            ParagraphBlock.Of(rows.Count == 0
                ? $"Aucune manufacture du registre n'est suivie par l'accompagnateur {coachId}."
                : $"{FrenchFormat.Count(rows.Count)} manufacture{(rows.Count > 1 ? "s" : "")} suivie{(rows.Count > 1 ? "s" : "")}, situation au {data.AsOf.ToFrench()}. Les manufactures qui demandent votre attention viennent en premier : risque rouge, puis orange, puis retours en retard.", Lead),
            new KeyFiguresBlock(
            [
                new(FrenchFormat.Count(rows.Count(r => r.Risk?.Level == RiskLevels.Red)), "en risque élevé (rouge)"),
                new(FrenchFormat.Count(rows.Count(r => r.Risk?.Level == RiskLevels.Amber)), "à surveiller (orange)"),
                new(FrenchFormat.Count(overdue), $"{Plural(overdue, "retour")} en retard (date limite passée)"),
                new(FrenchFormat.Count(alerted), $"{Plural(alerted, "alerte")} {Plural(alerted, "envoyée")} pour le {data.AsOf.ToFrench()}"),
            ]),
        };
        if (data.LatestRisk is null)
        {
            b.Add(new InfoBlock(NotYet("Le score de risque de difficulté", plural: false)));
        }

        b.Add(Section("Manufactures suivies", "manufactures"));
        // One card per workshop, what needs attention first: it reads the same at 1280 and 390 pixels, where a table of
        // seven columns would scroll sideways.
        b.AddRange(rows.Select(r => new CardBlock(
            r.Workshop.Name,
            $"{Root}workshops/{Uri.EscapeDataString(r.Workshop.WorkshopId)}",
            [
                new BadgeInline(FrenchLabels.Risk(r.Risk?.Level), FrenchLabels.RiskBadge(r.Risk?.Level)),
                new TextInline(Trend(data, r.Workshop.WorkshopId) is { } trend ? " " + trend : ""),
            ],
            [
                // A green level needs no reason: the scorecard's lines then only describe, and would read as alarms.
                ("Raisons", r.Risk switch
                {
                    null => "pas de score à ce jour",
                    { Level: RiskLevels.Green } => "aucune (risque faible)",
                    { Reasons.Count: 0 } => "aucune donnée",
                    var risk => string.Join(" ; ", risk.Reasons.Take(2)),
                }),
                ("Retours", ReturnsDue(r.Overdue, r.Pending)),
                ("Dernier dépôt", r.Fact.LastSubmission is { } last ? $"{LastState(last)}, {last.Quarter?.ToFrench() ?? "trimestre inconnu"}, reçu le {FrenchFormat.DateTime(last.ReceivedAt)}" : "aucun"),
                ("Alertes envoyées", r.Fact.Alerts.Count == 0 ? "aucune" : string.Join(" ; ", r.Fact.Alerts.Take(3).Select(a => $"{FrenchLabels.Risk(a.Level).Split(' ')[0]} au {a.Quarter.ToFrench()}, {(a.Sent ? "envoyée" : "envoi en cours")} le {FrenchFormat.DateTime(a.At)}"))),
            ])));
        b.Add(Section("Alertes et suites données", "alertes"));
        if (notice is not null)
        {
            b.Add(notice);
        }

        b.Add(ParagraphBlock.Of(alerts.Count == 0
            ? "Aucune alerte n'a été émise sur ces manufactures."
            : $"{FrenchFormat.Count(alerts.Count)} {Plural(alerts.Count, "alerte")}, dont {FrenchFormat.Count(alerts.Count(a => a.Unanswered))} sans suite enregistrée. "
              + (own ? "Enregistrez ce que vous avez fait : le ministère voit, pour chaque alerte rouge, si elle a eu une suite ; une alerte sans suite après quelques jours vous est renvoyée une fois." : "")));
        foreach (var alert in alerts)
        {
            b.Add(new CardBlock(
                $"{alert.WorkshopName} : {FrenchLabels.Risk(alert.Level).ToLowerInvariant()} au {alert.Quarter.ToFrench()}",
                $"{Root}workshops/{Uri.EscapeDataString(alert.WorkshopId)}",
                [new BadgeInline(alert.Status, alert.Unanswered ? "fr-badge--warning" : "fr-badge--success")],
                [("Alerte", alert.Sent), ("Suites", alert.History.Count == 0 ? "aucune" : string.Join(" ; ", alert.History))]));
            if (own)
            {
                b.Add(new FollowUpFormBlock($"{Root}alertes/{Uri.EscapeDataString(alert.Id)}/suivi", alert.Id, $"Suite donnée à l'alerte sur {alert.WorkshopName} ({alert.Quarter.ToFrench()})", today));
            }
        }

        b.Add(ParagraphBlock.Of("Un retour est en retard quand sa date limite est passée sans retour accepté ; un retour refusé compte comme manquant jusqu'à ce qu'un dépôt corrigé soit accepté. Les raisons du risque sont celles de la source en service (modèle appris, grille de points ou règle de trésorerie) : chacune est un signal sur lequel la manufacture fait moins bien que la médiane de ses pairs ; le détail est sur la page de chaque manufacture.", "fr-text--sm"));
        return SitePage.Render(new PageModel(Root, own ? "Mon portefeuille" : $"Portefeuille {coachId}", b) { Chrome = ChromeOf(reader), Simulated = data.Input.Simulated });
    }

    /// <summary>The ministry's view of the red alerts: which have had a follow-up, which were sent again without one.</summary>
    public static string RedAlerts(ViewReader reader, IReadOnlyList<AlertFollowUpView> alerts, bool simulated)
    {
        const string Here = "";
        var unanswered = alerts.Count(a => a.Unanswered);
        var resent = alerts.Count(a => a.Unanswered && a.Status.Contains("relancée", StringComparison.Ordinal));
        var b = new List<PageBlock>
        {
            new HeadingBlock(1, "Alertes rouges et leur suivi", CssClass: "fr-mt-2w"),
            ParagraphBlock.Of("Chaque alerte de risque élevé envoyée à un accompagnateur, et ce qu'il a enregistré depuis : une manufacture en difficulté que l'on aide se distingue ainsi d'une manufacture oubliée. Une alerte sans suite après le délai réglé est renvoyée une fois à l'accompagnateur.", Lead),
            new KeyFiguresBlock(
            [
                new(FrenchFormat.Count(alerts.Count), $"{Plural(alerts.Count, "alerte")} {Plural(alerts.Count, "rouge")}"),
                new(FrenchFormat.Count(unanswered), "sans suite enregistrée"),
                new(FrenchFormat.Count(resent), "sans suite après relance"),
            ]),
            new TableBlock("Alertes rouges, les plus récentes d'abord ; celles sans suite en premier dans chaque trimestre",
                ["Trimestre", "Manufacture", "Accompagnateur", "Alerte", "Suivi"],
                [.. alerts.OrderByDescending(a => a.Quarter).ThenByDescending(a => a.Unanswered).ThenBy(a => a.WorkshopName, SiteData.FrenchOrder).Select(a => (IReadOnlyList<Inline>)
                [
                    new TextInline(a.Quarter.ToFrench()),
                    new LinkInline($"{Here}workshops/{Uri.EscapeDataString(a.WorkshopId)}", a.WorkshopName) { Of = a.WorkshopId },
                    new LinkInline($"{Here}coaches/{Uri.EscapeDataString(a.CoachId)}", a.CoachId),
                    new TextInline(a.Sent),
                    new BadgeInline(a.Status, a.Unanswered ? "fr-badge--warning" : "fr-badge--success"),
                ])]),
        };
        return SitePage.Render(new PageModel(Here, "Alertes rouges et leur suivi", b) { Chrome = MinistryChrome(Here, reader.SignedInAs), Simulated = simulated });
    }

    public static string Message(string root, string title, string text, LinkInline? link)
    {
        var b = new List<PageBlock> { new HeadingBlock(1, title, CssClass: "fr-mt-4w"), ParagraphBlock.Of(text, Lead) };
        if (link is not null)
        {
            b.Add(new ParagraphBlock([link]));
        }

        return SitePage.Render(new PageModel(root, title, b) { Chrome = new PageChrome(root, [], null, root + SignOut) });
    }

    /// <summary>How the level moved since the previous quarter's score, in words, or null without two scores.</summary>
    private static string? Trend(SiteData data, string workshopId)
    {
        var scores = data.RiskScores?.Where(s => s.WorkshopId == workshopId).OrderBy(s => s.Quarter).ToList();
        if (scores is not { Count: >= 2 })
        {
            return null;
        }

        var (previous, current) = (scores[^2], scores[^1]);
        var rank = (string level) => level switch { RiskLevels.Red => 2, RiskLevels.Amber => 1, _ => 0 };
        var from = FrenchLabels.Risk(previous.Level).Split(' ')[0].ToLowerInvariant();
        return (rank(current.Level) - rank(previous.Level)) switch
        {
            > 0 => $"en hausse (était {from} au {previous.Quarter.ToFrench()})",
            < 0 => $"en baisse (était {from} au {previous.Quarter.ToFrench()})",
            _ => $"stable depuis le {previous.Quarter.ToFrench()}",
        };
    }

    private static string ReturnsDue(IReadOnlyList<Indicators.MissingReturn> overdue, IReadOnlyList<Indicators.MissingReturn> pending)
    {
        // The latest first; beyond three, a count and the three latest (a long-silent workshop is one line, not twenty).
        static string Late(Indicators.MissingReturn m) => m.Quarter.ToFrench() + (m.RejectedSubmission ? " (dépôt refusé)" : "");
        var late = overdue.OrderByDescending(m => m.Quarter).ToList();
        var parts = new List<string>();
        if (late.Count > 3)
        {
            parts.Add($"{FrenchFormat.Count(late.Count)} trimestres en retard, dont {Enumerate([.. late.Take(3).Select(Late)])}");
        }
        else if (late.Count > 0)
        {
            parts.Add($"{Enumerate([.. late.Select(Late)])} en retard");
        }

        parts.AddRange(pending.OrderBy(m => m.Quarter).Select(m => $"{m.Quarter.ToFrench()} attendu avant le {FrenchFormat.Date(m.Deadline)}"));
        return parts.Count == 0 ? "à jour" : string.Join(" ; ", parts);
    }

    /// <summary>A French enumeration: « a », « a et b », « a, b et c ».</summary>
    private static string Enumerate(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " et " + items[^1];

    /// <summary>A French word for a count: singular for 0 and 1, as French writes it.</summary>
    private static string Plural(int count, string word) => count > 1 ? word + "s" : word;

    private static string LastState(SubmissionView s) => s.State switch
    {
        UploadState.Accepted => "accepté",
        UploadState.Rejected => "refusé",
        UploadState.Failed => "validation à reprendre",
        _ => "en cours de validation",
    };
}
