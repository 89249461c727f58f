using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class EvaluationCsvTests
{
    private static readonly EvaluationResult Tiny =
        ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Balanced), "salaried_headcount", new EvaluationOptions { Bootstrap = 199, Seed = 1 });

    [Fact]
    public void WriteAtt_HeaderThenOneRowPerCell()
    {
        var lines = EvaluationCsv.WriteAtt(Tiny).Split('\n');
        Assert.Equal("g,t,att,se,ci_low,ci_high,e,n_treated,n_control", lines[0]);
        Assert.Equal(10, lines.Length); // header, 8 cells, and the empty string after the last LF
        Assert.Equal("", lines[^1]);
        Assert.Equal("2022-Q2,2022-Q1,0,0,0,0,-1,2,2", lines[1]);
        var cell = Tiny.GroupTime[1];
        Assert.Equal($"2022-Q2,2022-Q2,2,{EvaluationCsv.Format(cell.Se)},{EvaluationCsv.Format(cell.CiLow)},{EvaluationCsv.Format(cell.CiHigh)},0,2,2", lines[2]);
        Assert.StartsWith("2022-Q3,2022-Q1,-0.5,", lines[5], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', EvaluationCsv.WriteAtt(Tiny));
    }

    [Fact]
    public void WriteEventStudy_HeaderThenOneRowPerEventTime()
    {
        var lines = EvaluationCsv.WriteEventStudy(Tiny).Split('\n');
        Assert.Equal("e,estimate,se,ci_low,ci_high,band_low,band_high,groups,n_treated", lines[0]);
        Assert.Equal(["-2", "-1", "0", "1", "2"], lines[1..^1].Select(l => l.Split(',')[0]));
        Assert.Equal("-1,0,0,0,0,0,0,2,3", lines[2]);
        Assert.Equal(["-0.5", "0", "2.333333", "3.333333", "2"], lines[1..^1].Select(l => l.Split(',')[1]));
    }

    [Theory]
    [InlineData(2.3333333333, "2.333333")]
    [InlineData(-0.0000001, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(12345.5, "12345.5")]
    [InlineData(-1.25e-4, "-0.000125")]
    [InlineData(0.0000005, "0.000001")]
    public void Format_SixDecimalsInvariantNeverMinusZero(double value, string expected) =>
        Assert.Equal(expected, EvaluationCsv.Format(value));
}
