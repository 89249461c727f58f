using System.Globalization;
using System.Text.RegularExpressions;
using Impact.Analytics.Risk;
using S = Impact.Analytics.Tests.Risk.RiskSamples;

namespace Impact.Analytics.Tests.Risk;

/// <summary>
/// Reasons a coach can act on (issue 14): at most three, each naming a signal on which the workshop is worse than its
/// peers, never one equal to or better than the peers' median; when nothing stands out, one plain sentence. Checked by
/// reading the sentences themselves (value against median), on every source.
/// </summary>
public sealed partial class RiskReasonsTests
{
    private static readonly Lazy<(IReadOnlyList<WorkshopHistory> Histories, Quarter Last, TrainingResult Trained)> Cohort = new(() =>
    {
        var (cohort, histories) = SimulatedCohorts.Of(100, 12, 42);
        return (histories, cohort.Options.LastQuarter, RiskModelTrainer.Train(histories, cohort.Options.LastQuarter, RiskOptions.Default));
    });

    public static TheoryData<string> Sources => [RiskSources.Scorecard, RiskSources.Runway, RiskSources.Model];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Reasons_EachIsWorseThanThePeersMedian(string source)
    {
        var (histories, last, trained) = Cohort.Value;
        var served = RiskServing.Of(trained.Metrics! with { ChosenSource = source }, () => Load(trained), "test");
        var scores = Enumerable.Range(0, 4).SelectMany(k => RiskScorer.Score(histories, last.AddQuarters(-k), served, RiskOptions.Default)).ToList();

        Assert.All(scores, s => Assert.InRange(s.Reasons.Count, 1, 3));
        var given = scores.SelectMany(s => s.Reasons).Where(r => r != RiskScorer.NothingStandsOut).ToList();
        Assert.NotEmpty(given);
        Assert.All(given, reason =>
        {
            Assert.DoesNotContain("Ancienneté", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Aide à l'investissement", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("moins de deux", reason, StringComparison.Ordinal); // a missing value is never a reason
            var median = MedianPattern().Match(reason);
            if (median.Success)
            {
                var value = Number(reason[..median.Index]);
                var peers = Number(median.Groups[1].Value);
                var higherIsWorse = reason.StartsWith("Retours trimestriels", StringComparison.Ordinal) || reason.StartsWith("En difficulté", StringComparison.Ordinal);
                Assert.True(higherIsWorse ? value > peers : value < peers, reason);
                return;
            }

            var share = SharePattern().Match(reason);
            Assert.True(share.Success, reason);
            Assert.InRange(int.Parse(share.Groups[1].Value, CultureInfo.InvariantCulture), 0, 50);
        });
        if (source == RiskSources.Runway)
        {
            Assert.All(given, r => Assert.StartsWith("Trésorerie : ", r, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Reasons_WhenEveryPeerIsAlike_SayNothingStandsOut()
    {
        // Five workshops alike: cash for 0.8 month (25 points) and in distress this quarter (5): amber, worse than no one.
        var histories = Enumerable.Range(11, 5).Select(i => $"MP-0{i}").Select(id => new WorkshopHistory(
            S.Workshop(id),
            [Tests.Indicators.IndicatorSamples.Return(id, "2022-Q1", ("cash_end", "12000"))],
            [S.Received("2022-Q1", id: id)],
            [])).ToList();

        var scores = RiskScorer.Score(histories, new Quarter(2022, 1), RiskServing.Untrained, RiskOptions.Default);

        Assert.All(scores, s =>
        {
            Assert.Equal(RiskLevel.Amber, s.Level);
            Assert.Equal([RiskScorer.NothingStandsOut], s.Reasons);
        });
    }

    [Fact]
    public void Reasons_AtMostTheConfiguredCountInContributionOrder()
    {
        var (histories, last, _) = Cohort.Value;
        var one = RiskScorer.Score(histories, last, RiskServing.Untrained, RiskOptions.Default with { ReasonCount = 1 });
        var three = RiskScorer.Score(histories, last, RiskServing.Untrained, RiskOptions.Default);
        Assert.All(one.Zip(three), p => Assert.Equal(p.Second.Reasons[0], Assert.Single(p.First.Reasons)));
    }

    private static RiskModel Load(TrainingResult trained)
    {
        using var stream = new MemoryStream(trained.Model.ToArray());
        return RiskModel.Load(stream);
    }

    /// <summary>The first number of a French text: "-35 %", "0,8 mois", "1 257 567 €", "+2".</summary>
    private static double Number(string text)
    {
        var m = NumberPattern().Match(text);
        Assert.True(m.Success, text);
        return double.Parse(m.Value.Replace("\u202f", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(' ', '\0').Replace("\0", "", StringComparison.Ordinal).Replace(',', '.').TrimStart('+'),
            CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\(médiane des pairs : ([^)]*)\)$")]
    private static partial Regex MedianPattern();

    [GeneratedRegex(@"\((\d+) % des pairs dans ce cas\)$")]
    private static partial Regex SharePattern();

    [GeneratedRegex(@"[+-]?\d[\d\u202f\u00a0]*(,\d+)?")]
    private static partial Regex NumberPattern();
}
