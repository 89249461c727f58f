using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class ImpactEstimatorTests
{
    private const string Outcome = "salaried_headcount";
    private const double Exact = 1e-12;

    private static readonly EvaluationOptions Options = new() { Bootstrap = 999, Seed = 7 };

    [Fact]
    public void Estimate_BalancedTinyPanel_GroupTimeEffectsByHand()
    {
        var result = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Balanced), Outcome, Options);

        // Group 2022-Q2 (A1, A2), base Q1. Changes since Q1: A1 3, 5, 6; A2 2, 6, 5 (Q2, Q3, Q4);
        // controls C 1, 3, 3 and D 0, 2, 4. ATT = mean treated change - mean control change:
        //   (Q2,Q1) = 0 by construction; (Q2,Q2) = 2.5 - 0.5 = 2; (Q2,Q3) = 5.5 - 2.5 = 3; (Q2,Q4) = 5.5 - 3.5 = 2.
        // Group 2022-Q3 (B), base Q2. Changes since Q2: B -1, 5, 7 (Q1, Q3, Q4); C -1, 2, 2; D 0, 2, 4:
        //   (Q3,Q1) = -1 - (-0.5) = -0.5 (a lead); (Q3,Q2) = 0; (Q3,Q3) = 5 - 2 = 3; (Q3,Q4) = 7 - 3 = 4.
        (int G, int T, double Att, int Treated, int Controls)[] expected =
        [
            (2, 1, 0, 2, 2), (2, 2, 2, 2, 2), (2, 3, 3, 2, 2), (2, 4, 2, 2, 2),
            (3, 1, -0.5, 1, 2), (3, 2, 0, 1, 2), (3, 3, 3, 1, 2), (3, 4, 4, 1, 2),
        ];
        Assert.Equal(expected.Length, result.GroupTime.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var cell = result.GroupTime[i];
            Assert.Equal(TinyPanel.Q(expected[i].G), cell.Group);
            Assert.Equal(TinyPanel.Q(expected[i].T), cell.Quarter);
            Assert.Equal(expected[i].T - expected[i].G, cell.EventTime);
            Assert.Equal(expected[i].Att, cell.Att, Exact);
            Assert.Equal(expected[i].Treated, cell.TreatedUnits);
            Assert.Equal(expected[i].Controls, cell.ControlUnits);
        }

        // Overall: post cells weighted by group size (2 for Q2, 1 for Q3): (2·(2 + 3 + 2) + 1·(3 + 4)) / (2·3 + 1·2) = 21/8.
        Assert.Equal(21.0 / 8, result.Summary.OverallAtt, Exact);

        // Event study, same weights among the groups observed at e:
        //   e=-2: (Q3,Q1) = -0.5; e=-1: 0; e=0: (2·2 + 1·3)/3 = 7/3; e=1: (2·3 + 1·4)/3 = 10/3; e=2: (Q2,Q4) = 2.
        Assert.Equal([-2, -1, 0, 1, 2], result.EventStudy.Select(p => p.EventTime));
        Assert.Equal([-0.5, 0, 7.0 / 3, 10.0 / 3, 2], result.EventStudy.Select(p => p.Estimate), new Close(Exact));
        Assert.Equal([1, 2, 2, 2, 1], result.EventStudy.Select(p => p.Groups));
        Assert.Equal([1, 3, 3, 3, 2], result.EventStudy.Select(p => p.TreatedUnits));

        var s = result.Summary;
        Assert.Equal(3, s.TreatedUnits);
        Assert.Equal(2, s.ControlUnits);
        Assert.Equal(0, s.ExcludedUnits);
        Assert.Equal([new TreatmentGroup(TinyPanel.Q(2), 2), new TreatmentGroup(TinyPanel.Q(3), 1)], s.Groups);
        Assert.Equal(1, s.PretrendLeads);
        Assert.Equal(TinyPanel.Q(1), s.FirstQuarter);
        Assert.Equal(TinyPanel.Q(4), s.LastQuarter);
        Assert.Equal(1, result.HorizonWithAllGroups);
    }

    [Fact]
    public void Estimate_UnbalancedTinyPanel_AUnitEntersACellOnlyWhenObservedAtTAndAtTheBase()
    {
        // A2 lacks Q3 and D lacks Q1. D never enters a cell of group Q2 (its base Q1 is missing), A2 misses (Q2,Q3).
        // Group Q2, base Q1, controls = C only (changes 1, 3, 3):
        //   (Q2,Q1) = 0 [2 treated, 1 control]; (Q2,Q2) = 2.5 - 1 = 1.5; (Q2,Q3) = A1 alone 5 - 3 = 2 [1 treated]; (Q2,Q4) = 5.5 - 3 = 2.5.
        // Group Q3, base Q2, controls C and D except at Q1 where D is missing:
        //   (Q3,Q1) = -1 - (-1) = 0 [1 control]; (Q3,Q2) = 0; (Q3,Q3) = 5 - 2 = 3; (Q3,Q4) = 7 - 3 = 4.
        var result = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Unbalanced), Outcome, Options);
        (int G, int T, double Att, int Treated, int Controls)[] expected =
        [
            (2, 1, 0, 2, 1), (2, 2, 1.5, 2, 1), (2, 3, 2, 1, 1), (2, 4, 2.5, 2, 1),
            (3, 1, 0, 1, 1), (3, 2, 0, 1, 2), (3, 3, 3, 1, 2), (3, 4, 4, 1, 2),
        ];
        Assert.Equal(expected.Select(e => (TinyPanel.Q(e.G), TinyPanel.Q(e.T), e.Treated, e.Controls)),
            result.GroupTime.Select(c => (c.Group, c.Quarter, c.TreatedUnits, c.ControlUnits)));
        Assert.Equal(expected.Select(e => e.Att), result.GroupTime.Select(c => c.Att), new Close(Exact));

        // Group sizes stay 2 and 1 (units with any observed value): overall = (2·(1.5 + 2 + 2.5) + 1·(3 + 4)) / 8 = 19/8.
        Assert.Equal(19.0 / 8, result.Summary.OverallAtt, Exact);
        // e=0: (2·1.5 + 3)/3 = 2; e=1: (2·2 + 4)/3 = 8/3; e=2: 2.5.
        Assert.Equal([0, 0, 2, 8.0 / 3, 2.5], result.EventStudy.Select(p => p.Estimate), new Close(Exact));

        // The only lead, (Q3,Q1), compares one unit with one: no spread to measure, so no pre-trend test.
        Assert.Equal(0, result.EventStudy[0].Se);
        Assert.Null(result.Summary.PretrendPValue);
        Assert.Equal(0, result.Summary.PretrendLeads);
    }

    [Fact]
    public void Estimate_StandardErrors_AreThoseOfADifferenceInMeans()
    {
        // The bootstrap variance of a cell is s²(treated)/n + s²(controls)/n with unbiased variances s².
        // (Q2,Q2): treated changes 3, 2 (s² = 0.5), control changes 1, 0 (s² = 0.5): se = √(0.25 + 0.25) = 0.7071.
        // (Q3,Q1): one treated unit (no spread), control changes -1, 0 (s² = 0.5): se = √0.25 = 0.5.
        var result = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Balanced), Outcome, new EvaluationOptions { Bootstrap = 20_000, Seed = 3 });
        Assert.Equal(Math.Sqrt(0.5), result.GroupTime.Single(c => c.Group == TinyPanel.Q(2) && c.Quarter == TinyPanel.Q(2)).Se, 0.02);
        Assert.Equal(0.5, result.GroupTime.Single(c => c.Group == TinyPanel.Q(3) && c.Quarter == TinyPanel.Q(1)).Se, 0.02);

        // Intervals are estimate ± 1.96 se; the base quarter has se 0 and a point interval.
        Assert.All(result.GroupTime, c =>
        {
            Assert.Equal(c.Att - (1.959963984540054 * c.Se), c.CiLow, Exact);
            Assert.Equal(c.Att + (1.959963984540054 * c.Se), c.CiHigh, Exact);
        });
        var baseQuarter = result.EventStudy.Single(p => p.EventTime == -1);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (baseQuarter.Se, baseQuarter.CiLow, baseQuarter.CiHigh, baseQuarter.BandLow, baseQuarter.BandHigh));

        // The simultaneous band is wider than the pointwise intervals (critical value above 1.96) and contains them.
        Assert.True(result.Summary.BandCriticalValue > 1.96, $"critical value {result.Summary.BandCriticalValue}");
        Assert.All(result.EventStudy, p => Assert.True(p.BandLow <= p.CiLow && p.CiHigh <= p.BandHigh));
        Assert.InRange(result.Summary.PretrendPValue!.Value, 0.001, 1);
    }

    [Fact]
    public void Estimate_SameSeed_SameResult_OtherSeed_SameEstimatesOtherDraws()
    {
        var panel = SimulatedPanel(seed: 5);
        var first = ImpactEstimator.Estimate(panel, Outcome, new EvaluationOptions { Bootstrap = 199, Seed = 11 });
        var again = ImpactEstimator.Estimate(panel, Outcome, new EvaluationOptions { Bootstrap = 199, Seed = 11 });
        var other = ImpactEstimator.Estimate(panel, Outcome, new EvaluationOptions { Bootstrap = 199, Seed = 12 });

        Assert.Equal(EvaluationCsv.WriteAtt(first), EvaluationCsv.WriteAtt(again));
        Assert.Equal(EvaluationCsv.WriteEventStudy(first), EvaluationCsv.WriteEventStudy(again));
        Assert.Equal(EvaluationJson.WriteSummary(first), EvaluationJson.WriteSummary(again));

        Assert.Equal(first.GroupTime.Select(c => c.Att), other.GroupTime.Select(c => c.Att));
        Assert.Equal(first.Summary.OverallAtt, other.Summary.OverallAtt);
        Assert.NotEqual(first.Summary.Se, other.Summary.Se);
        Assert.Equal(first.Summary.Se, other.Summary.Se, 0.2 * first.Summary.Se); // B = 199: a Monte Carlo error of about 5%
    }

    [Fact]
    public void Estimate_UnitTreatedAfterThePanel_IsAComparisonUnit_UnitTreatedAtItsStart_IsLeftOut()
    {
        var late = TinyPanel.Balanced.Replace("C,2022-Q1,5,\nC,2022-Q2,6,\nC,2022-Q3,8,\nC,2022-Q4,8,\n",
            "C,2022-Q1,5,2023-Q2\nC,2022-Q2,6,2023-Q2\nC,2022-Q3,8,2023-Q2\nC,2022-Q4,8,2023-Q2\n", StringComparison.Ordinal);
        var withAlwaysTreated = TinyPanel.Balanced + "E,2022-Q1,30,2022-Q1\nE,2022-Q2,40,2022-Q1\nE,2022-Q3,50,2022-Q1\nE,2022-Q4,60,2022-Q1\n";
        var reference = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Balanced), Outcome, Options);

        var lateResult = ImpactEstimator.Estimate(TinyPanel.Read(late), Outcome, Options);
        Assert.Equal(EvaluationCsv.WriteAtt(reference), EvaluationCsv.WriteAtt(lateResult));
        Assert.Equal(2, lateResult.Summary.ControlUnits);

        var alwaysResult = ImpactEstimator.Estimate(TinyPanel.Read(withAlwaysTreated), Outcome, Options);
        Assert.Equal(reference.GroupTime.Select(c => c.Att), alwaysResult.GroupTime.Select(c => c.Att));
        Assert.Equal(1, alwaysResult.Summary.ExcludedUnits);
        Assert.Equal(3, alwaysResult.Summary.TreatedUnits);
    }

    [Fact]
    public void Estimate_OnTheSimulatedCohort_RecoversTheTrueEffects()
    {
        var cohort = Impact.Simulation.CohortSimulator.Simulate(new() { Seed = 21 });
        var panel = PanelCsv.Read(System.Text.Encoding.UTF8.GetString(cohort.Files.Single(f => f.Path == Impact.Simulation.SimulatedCohort.PanelPath).Content.Span));
        foreach (var truth in cohort.Effects)
        {
            var result = ImpactEstimator.Estimate(panel, truth.Outcome, new EvaluationOptions { Bootstrap = 499, Seed = 21 });
            Assert.InRange((double)truth.AttSimple, result.Summary.CiLow, result.Summary.CiHigh);
            Assert.Equal([20, 19, 61], result.Summary.Groups.Select(g => g.Units));
            Assert.Equal(100, result.Summary.ControlUnits);

            // The curve lies in its simultaneous band at every event time (leads at 0 included).
            foreach (var point in result.EventStudy)
            {
                var effect = (double)(truth.EventTime.SingleOrDefault(e => e.EventTime == point.EventTime)?.Effect ?? 0m);
                Assert.InRange(effect, point.BandLow, point.BandHigh);
            }
        }
    }

    [Fact]
    public void EstimateAll_EveryOutcomeInColumnOrder()
    {
        var panel = PanelCsv.Read("unit_id,quarter,first_treated_quarter,jobs,revenue\n"
            + "A,2022-Q1,2022-Q2,1,10\nA,2022-Q2,2022-Q2,3,30\nC,2022-Q1,,1,10\nC,2022-Q2,,2,15\n");
        var results = ImpactEstimator.EstimateAll(panel, Options);
        Assert.Equal(["jobs", "revenue"], results.Select(r => r.Outcome));
        Assert.Equal([1.0, 15.0], results.Select(r => r.Summary.OverallAtt));
    }

    [Theory]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,2022-Q2,1\nA,2022-Q2,2022-Q2,2\nB,2022-Q1,2022-Q2,1\n",
        "Évaluation impossible pour « y » : le panel ne compte aucune unité jamais labellisée (first_treated_quarter vide), donc aucun groupe de comparaison.")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q2,,2\n",
        "Évaluation impossible pour « y » : aucune unité labellisée entre 2022-Q2 et 2022-Q2 (il faut au moins un trimestre observé avant la labellisation).")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,2022-Q2,1\nC,2022-Q1,,1\nC,2022-Q2,,2\n",
        "Évaluation impossible pour « y » : aucune unité labellisée n'est observée après sa labellisation et au trimestre qui la précède en même temps que des unités de comparaison.")]
    public void Estimate_NothingToCompare_FrenchError(string csv, string message)
    {
        var error = Assert.Throws<ImpactException>(() => ImpactEstimator.Estimate(PanelCsv.Read(csv), "y", Options));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Estimate_UnknownOutcomeOrTooFewDraws_FrenchError()
    {
        var panel = TinyPanel.Read(TinyPanel.Balanced);
        Assert.Equal("Colonne de résultat « jobs » absente du panel (colonnes disponibles : salaried_headcount).",
            Assert.Throws<ImpactException>(() => ImpactEstimator.Estimate(panel, "jobs", Options)).Message);
        Assert.Equal("Nombre de tirages bootstrap invalide : 10 (attendu entre 19 et 100000, par défaut 999).",
            Assert.Throws<ImpactException>(() => ImpactEstimator.Estimate(panel, Outcome, new EvaluationOptions { Bootstrap = 10 })).Message);
    }

    internal static Panel SimulatedPanel(int seed, int workshops = 40, int quarters = 8)
    {
        var cohort = Impact.Simulation.CohortSimulator.Simulate(new() { Workshops = workshops, Quarters = quarters, Seed = seed });
        return PanelCsv.Read(System.Text.Encoding.UTF8.GetString(cohort.Files.Single(f => f.Path == Impact.Simulation.SimulatedCohort.PanelPath).Content.Span));
    }

    /// <summary>Compares doubles to within an absolute tolerance.</summary>
    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
