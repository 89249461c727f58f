using Impact.Analytics.Risk;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Tests.Indicators;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>
/// A tiny site input: the two workshops of <see cref="IndicatorSamples"/> (MP-001 in Bourgogne-Franche-Comté, wave 1;
/// MP-002 in Hauts-de-France, wave 3) with their returns for 2023-Q3 and 2024-Q3, as of 2024-Q3.
/// </summary>
internal static class SiteSamples
{
    public static readonly Quarter AsOf = new(2024, 3);

    /// <summary>
    /// The tiny input; <paramref name="narrative"/>, when given, is MP-002's narrative for 2024-Q3 as the site receives it;
    /// <paramref name="region"/>, when given, is both workshops' region.
    /// </summary>
    public static SiteInput Tiny(string? narrative = null, string? region = null) => Build(narrative, region, missingLastReturn: false);

    /// <summary>The tiny input without MP-002's return for 2024-Q3: one return of the two expected for the last quarter.</summary>
    public static SiteInput TinyWithAMissingReturn() => Build(null, null, missingLastReturn: true);

    private static SiteInput Build(string? narrative, string? region, bool missingLastReturn)
    {
        var registry = IndicatorSamples.Workshops();
        if (region is not null)
        {
            registry = new Impact.Analytics.Registry.WorkshopRegistry(registry.Workshops.Select(w => w with { Region = region }));
        }

        QuarterlyReturn[] returns = missingLastReturn
            ? [IndicatorSamples.Mp001Q3Of2023(), IndicatorSamples.Mp001Q3Of2024(), IndicatorSamples.Mp002Q3Of2023()]
            : [IndicatorSamples.Mp001Q3Of2023(), IndicatorSamples.Mp001Q3Of2024(), IndicatorSamples.Mp002Q3Of2023(), IndicatorSamples.Mp002Q3Of2024()];
        var received = returns.Select(r => new ReceivedReturn(r.WorkshopId, r.Quarter, new DateTimeOffset(r.Quarter.LastDay.AddDays(10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true, r.Status)).ToList();
        var indicators = IndicatorCalculator.Compute(returns, registry);
        return new SiteInput
        {
            Registry = registry,
            Indicators = indicators,
            Aggregates = IndicatorAggregates.Compute(indicators),
            Completeness = Completeness.Compute(registry, received, new Quarter(2021, 4), AsOf, Impact.Analytics.Settings.ReportingOptions.Default),
            AsOf = AsOf,
            // The signed-in site: every page; PublicSiteTests builds the anonymous one from the same input.
            Audience = SiteAudience.SignedIn,
            // Validation refuses HTML in a narrative; the site escapes it all the same, whatever its input.
            Returns = [.. returns.Select(SiteReturnExtract.From).Select(r => narrative is not null && r.WorkshopId == "MP-002" && r.Quarter == AsOf ? r with { Narrative = narrative } : r)],
        };
    }

    public static IReadOnlyList<SiteRiskScore> Risk() =>
    [
        new("MP-001", new Quarter(2024, 2), RiskLevels.Amber, 0.4, ["Trésorerie inférieure à deux mois de charges."]),
        new("MP-001", AsOf, RiskLevels.Red, 0.81, ["Trésorerie négative (découvert de 500 €).", "Aucune recette propre ce trimestre."]),
        new("MP-002", AsOf, RiskLevels.Green, 0.05, []),
    ];

    public static SiteEvaluation Evaluation() => new(
        [(-2, 0.1, -0.6, 0.8), (-1, -0.05, -0.7, 0.6), (0, 0.5, -0.1, 1.1), (1, 1.1, 0.4, 1.8), (2, 1.4, 0.6, 2.2)],
        1.2, 0.5, 1.9, "La labellisation a augmenté l'effectif salarié d'environ 1,2 emploi par manufacture.")
    {
        OutcomeLabel = "effectif salarié",
    };

    /// <summary>The ministry, as the signed-in pages know it.</summary>
    public static readonly ViewReader Ministry = new("dgefp@example.org (ministère)", true, true, null, null);

    /// <summary>Every page the ministry can open for this input: the national files and each workshop's page, as text.</summary>
    public static string SignedInText(SiteInput input)
    {
        var site = new SignedInSite(input);
        var national = SiteBuilder.Build(input with { Audience = SiteAudience.SignedIn });
        return string.Join('\n', national.Where(f => !f.Path.StartsWith("dsfr/", StringComparison.Ordinal) && !f.Path.EndsWith(".png", StringComparison.Ordinal))
            .Select(f => f.Path + '\n' + System.Text.Encoding.UTF8.GetString(f.Content))
            .Concat(input.Registry.Workshops.Select(w => site.WorkshopPage(w.WorkshopId, Ministry, []))));
    }

    /// <summary>The site's file as UTF-8 text.</summary>
    public static string Text(IReadOnlyList<SiteFile> files, string path) =>
        System.Text.Encoding.UTF8.GetString(files.Single(f => f.Path == path).Content);
}
