using System.Text;
using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class EvaluationFilesTests
{
    [Fact]
    public void Build_MainOutcomeUnsuffixed_OthersSuffixed()
    {
        var panel = ImpactEstimatorTests.SimulatedPanel(seed: 2, workshops: 12, quarters: 4);
        var results = ImpactEstimator.EstimateAll(panel, new EvaluationOptions { Bootstrap = 99 });
        var files = EvaluationFiles.Build(results);
        Assert.Equal(
            ["att.csv", "event_study.csv", "summary.json", "att_own_revenue_eur.csv", "event_study_own_revenue_eur.csv", "summary_own_revenue_eur.json"],
            files.Select(f => f.Name));
        Assert.Equal(EvaluationCsv.WriteAtt(results[0]), Encoding.UTF8.GetString(files[0].Content.Span));
        Assert.Equal(EvaluationCsv.WriteEventStudy(results[1]), Encoding.UTF8.GetString(files[4].Content.Span));
        Assert.Equal(EvaluationJson.WriteSummary(results[1]), files[5].Content.ToArray());

        // Another main outcome, or a main outcome absent from the results (then the first result is the main one).
        Assert.Equal("att_salaried_headcount.csv", EvaluationFiles.Build(results, "own_revenue_eur")[0].Name);
        Assert.Equal(["att.csv", "event_study.csv", "summary.json"], EvaluationFiles.Build([results[1]]).Select(f => f.Name));
    }

    [Fact]
    public void Build_OutcomeNamesBecomeSafeFileNames()
    {
        var panel = PanelCsv.Read("unit_id,quarter,first_treated_quarter,jobs,ca/€ total\n"
            + "A,2022-Q1,2022-Q2,1,10\nA,2022-Q2,2022-Q2,3,30\nC,2022-Q1,,1,10\nC,2022-Q2,,2,15\n");
        var files = EvaluationFiles.Build(ImpactEstimator.EstimateAll(panel, new EvaluationOptions { Bootstrap = 19 }), "jobs");
        Assert.Equal("att_ca___total.csv", files[3].Name);
    }
}
