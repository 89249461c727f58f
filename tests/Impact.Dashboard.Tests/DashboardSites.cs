using Impact.Analytics.Risk;
using Impact.Analytics.Dashboard;
using Impact.Simulation;

namespace Impact.Dashboard.Tests;

/// <summary>
/// The sites the browser tests open, built once: the simulated cohort of the demo (100 workshops over 12 quarters,
/// seed 42) as the quarterly run builds it today (no risk scores, no evaluation yet), and the same cohort with the
/// optional sections filled by test data (risk levels from the simulation's truth, an event study from its true
/// effect with made-up intervals), so that every chart and section is opened in a browser; both as the ministry's
/// signed-in site, and the full cohort's public site too.
/// </summary>
public sealed class DashboardSites
{
    public DashboardSites()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 100, Quarters = 12, Seed = 42 });
        var input = SimulatedSite.Build(cohort);
        Today = SiteBuilder.Build(input with { Audience = SiteAudience.SignedIn });
        var full = input with { RiskScores = TestRiskScores(cohort, input), Evaluation = TestEvaluation(cohort) };
        Full = SiteBuilder.Build(full with { Audience = SiteAudience.SignedIn });
        Public = SiteBuilder.Build(full with { Audience = SiteAudience.Public });
    }

    /// <summary>The public site (anonymous: the static website) of the full cohort.</summary>
    public IReadOnlyList<SiteFile> Public { get; }

    /// <summary>The site without the optional sections.</summary>
    public IReadOnlyList<SiteFile> Today { get; }

    /// <summary>The site with risk scores and an evaluation (test data).</summary>
    public IReadOnlyList<SiteFile> Full { get; }

    /// <summary>Red when the simulation's truth says distress at the quarter, amber when cash covers under two months, green otherwise.</summary>
    private static List<SiteRiskScore> TestRiskScores(SimulatedCohort cohort, SiteInput input)
    {
        var distress = cohort.Distress.ToDictionary(d => (d.WorkshopId, d.Quarter));
        return
        [
            .. input.Indicators.Select(s =>
            {
                var truth = distress.GetValueOrDefault((s.WorkshopId, s.Quarter));
                if (truth is { InDistress: true })
                {
                    return new SiteRiskScore(s.WorkshopId, s.Quarter, RiskLevels.Red, 0.8, [.. truth.Reasons.Select(ReasonInFrench)]);
                }

                return s.CashRunwayMonths is < 2
                    ? new SiteRiskScore(s.WorkshopId, s.Quarter, RiskLevels.Amber, 0.4, ["La trésorerie couvre moins de deux mois de charges."])
                    : new SiteRiskScore(s.WorkshopId, s.Quarter, RiskLevels.Green, 0.1, []);
            }),
        ];
    }

    private static string ReasonInFrench(string reason) => reason switch
    {
        "closed" => "La manufacture a fermé.",
        "low_cash" => "La trésorerie couvre moins d'un mois de charges.",
        "revenue_drop" => "Les recettes propres ont baissé de 30 % ou plus en un an.",
        "missed_returns" => "Deux retours trimestriels manquent de suite.",
        "ministry_recorded" => "Le ministère a signalé une difficulté.",
        _ => reason,
    };

    private static SiteEvaluation TestEvaluation(SimulatedCohort cohort)
    {
        var effect = cohort.Effects[0];
        return new SiteEvaluation(
            [.. effect.EventTime.Select(e => (e.EventTime, (double)e.Effect, (double)e.Effect - 0.6, (double)e.Effect + 0.6))],
            (double)effect.AttSimple, (double)effect.AttSimple - 0.4, (double)effect.AttSimple + 0.4,
            "Données de test : la labellisation augmenterait l'effectif salarié d'environ un emploi et demi par manufacture, après un an.");
    }
}
