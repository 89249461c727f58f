using Impact.Analytics.Risk;
using S = Impact.Analytics.Tests.Risk.RiskSamples;

namespace Impact.Analytics.Tests.Risk;

public sealed class DistressLabelsTests
{
    private static readonly RiskOptions Options = RiskOptions.Default;

    private static DistressConditions Conditions(WorkshopHistory history, string quarter) =>
        DistressLabels.Conditions(history, Quarter.Parse(quarter), Options);

    [Fact]
    public void Conditions_HealthyReturn_None()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2"));
        Assert.Equal(DistressConditions.None, Conditions(history, "2022-Q2"));
        Assert.False(DistressLabels.InDistress(history, new Quarter(2022, 2), Options));
    }

    [Theory]
    [InlineData("14999.99", true)] // × 3 = 44,999.97 < 45,000 of expenses: under one month
    [InlineData("15000", false)] // exactly one month
    [InlineData("-200", true)] // an overdraft
    public void Conditions_LowCash_WhenCashCoversUnderOneMonthOfExpenses(string cash, bool low)
    {
        var history = S.History(S.Return("2022-Q1", ("cash_end", cash)));
        Assert.Equal(low ? DistressConditions.LowCash : DistressConditions.None, Conditions(history, "2022-Q1"));
    }

    [Theory]
    [InlineData("1500", true)] // own revenue 24,500 = 0.7 × 35,000: a fall of exactly 30%
    [InlineData("1501", false)] // 24,501: a fall of 29.997%
    public void Conditions_RevenueDrop_WhenOwnRevenueFell30PercentYearOnYear(string services, bool drop)
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2"), S.Return("2022-Q3"), S.Return("2022-Q4"),
            S.Return("2023-Q1", ("revenue_services", services)));
        Assert.Equal(drop ? DistressConditions.RevenueDrop : DistressConditions.None, Conditions(history, "2023-Q1"));
    }

    [Fact]
    public void Conditions_RevenueDrop_NeedsAPositiveYearAgoRevenue()
    {
        var nothingYearAgo = S.History(
            S.Return("2022-Q1", ("revenue_rent", "0"), ("revenue_machine_time", "0"), ("revenue_training", "0"), ("revenue_services", "0"),
                ("revenue_public_services", "0"), ("revenue_events_catering", "0"), ("revenue_other", "0")),
            S.Return("2022-Q2"), S.Return("2022-Q3"), S.Return("2022-Q4"), S.Return("2023-Q1", ("revenue_services", "0")));
        Assert.Equal(DistressConditions.None, Conditions(nothingYearAgo, "2023-Q1"));
    }

    [Fact]
    public void Conditions_Closed_FromTheClosingReturnOn()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2", ("status", "closed")));
        Assert.Equal(DistressConditions.None, Conditions(history, "2022-Q1"));
        Assert.Equal(DistressConditions.Closed, Conditions(history, "2022-Q2"));
        Assert.Equal(DistressConditions.Closed, Conditions(history, "2023-Q1"));
    }

    [Fact]
    public void Conditions_Closed_FromARecordedClosure()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2")) with { Outcomes = [S.Outcome("2022-Q2", OutcomeRecord.ClosedEvent)] };
        Assert.Equal(DistressConditions.None, Conditions(history, "2022-Q1"));
        Assert.Equal(DistressConditions.Closed, Conditions(history, "2022-Q2"));
    }

    [Fact]
    public void Conditions_MissedReturns_TwoExpectedQuartersInARowWithoutAnAcceptedReturn()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2"));
        Assert.Equal(DistressConditions.None, Conditions(history, "2022-Q3")); // one missed
        Assert.Equal(DistressConditions.MissedReturns, Conditions(history, "2022-Q4")); // 2022-Q3 and 2022-Q4 missed
    }

    [Fact]
    public void Conditions_MissedReturns_ARejectedUploadCountsAsMissed()
    {
        var history = S.History(S.Return("2022-Q1")) with
        {
            Received = [S.Received("2022-Q1"), S.Received("2022-Q2", accepted: false), S.Received("2022-Q3", accepted: false)],
        };
        Assert.Equal(DistressConditions.MissedReturns, Conditions(history, "2022-Q3"));
    }

    [Fact]
    public void Conditions_MissedReturns_OnlyQuartersExpected()
    {
        var history = new WorkshopHistory(S.Workshop(), [], [], []);
        Assert.Equal(DistressConditions.None, Conditions(history, "2022-Q1")); // 2021-Q4 is before labelling
        Assert.Equal(DistressConditions.MissedReturns, Conditions(history, "2022-Q2"));
        Assert.Equal(DistressConditions.None, Conditions(history, "2025-Q3")); // after the window (2025-Q2 + 1)
    }

    [Fact]
    public void Conditions_MinistryRecorded_FromTheDistressUntilALaterRecovery()
    {
        var returns = new[] { "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1" }.Select(q => S.Return(q)).ToArray();
        var history = S.History(returns) with
        {
            Outcomes = [S.Outcome("2022-Q2", OutcomeRecord.DistressEvent), S.Outcome("2022-Q4", OutcomeRecord.RecoveredEvent)],
        };
        Assert.Equal(
            [DistressConditions.None, DistressConditions.MinistryRecorded, DistressConditions.MinistryRecorded, DistressConditions.None, DistressConditions.None],
            returns.Select(r => Conditions(history, r.Quarter.ToString())));
    }

    [Fact]
    public void Conditions_MinistryRecorded_ARecoveryInTheSameQuarterDoesNotEndIt()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q2")) with
        {
            Outcomes = [S.Outcome("2022-Q1", OutcomeRecord.DistressEvent), S.Outcome("2022-Q1", OutcomeRecord.RecoveredEvent)],
        };
        Assert.Equal(DistressConditions.MinistryRecorded, Conditions(history, "2022-Q2"));
    }

    [Fact]
    public void Conditions_SeveralAtOnce()
    {
        var history = S.History(S.Return("2022-Q1", ("cash_end", "0"), ("status", "closed"))) with
        {
            Outcomes = [S.Outcome("2022-Q1", OutcomeRecord.DistressEvent)],
        };
        Assert.Equal(DistressConditions.Closed | DistressConditions.LowCash | DistressConditions.MinistryRecorded, Conditions(history, "2022-Q1"));
    }

    [Theory]
    [InlineData("2022-Q1", "2024-Q3", false)] // horizon 2022-Q2..2023-Q1: no distress
    [InlineData("2022-Q2", "2024-Q3", true)] // horizon 2022-Q3..2023-Q2: low cash in 2023-Q2
    [InlineData("2023-Q1", "2024-Q3", true)]
    [InlineData("2023-Q2", "2024-Q3", false)] // distress at the quarter itself is not in its horizon
    [InlineData("2022-Q2", "2023-Q2", true)] // the horizon ends exactly at the last observed quarter
    [InlineData("2022-Q3", "2023-Q2", null)] // the horizon passes the last observed quarter: no label
    public void DistressWithinHorizon_TheNextFourQuarters(string quarter, string lastObserved, bool? expected)
    {
        var quarters = Enumerable.Range(0, 11).Select(k => new Quarter(2022, 1).AddQuarters(k).ToString());
        var history = S.History([.. quarters.Select(q => q == "2023-Q2" ? S.Return(q, ("cash_end", "1000")) : S.Return(q))]);
        Assert.Equal(expected, DistressLabels.DistressWithinHorizon(history, Quarter.Parse(quarter), Quarter.Parse(lastObserved), Options));
    }

    [Fact]
    public void IsActive_FromLabellingWhileOpenAndExpected()
    {
        var history = S.History(S.Return("2022-Q1"), S.Return("2022-Q3", ("status", "closed")));
        Assert.False(DistressLabels.IsActive(history, new Quarter(2021, 4)));
        Assert.True(DistressLabels.IsActive(history, new Quarter(2022, 2)));
        Assert.False(DistressLabels.IsActive(history, new Quarter(2022, 3))); // closed
    }

    /// <summary>
    /// The labels built from what the pipeline sees agree with the simulator's truth wherever the truth is observable: the
    /// truth knows the figures of returns that were never sent or were rejected, the pipeline does not.
    /// </summary>
    [Fact]
    public void Conditions_AgreeWithTheSimulatedTruthWhereverItIsObservable()
    {
        var (cohort, histories) = SimulatedCohorts.Of(150, 12, 1);
        var byId = histories.ToDictionary(h => h.WorkshopId, StringComparer.Ordinal);
        var checkedConditions = 0;
        foreach (var truth in cohort.Distress)
        {
            var history = byId[truth.WorkshopId];
            var q = truth.Quarter;
            var ours = DistressLabels.Conditions(history, q, Options);
            bool Has(string reason) => truth.Reasons.Contains(reason);
            bool Accepted(Quarter quarter) => history.Returns.Any(r => r.Quarter == quarter);
            bool Rejected(Quarter quarter) => history.Received.Any(r => r.Quarter == quarter && !r.Accepted);

            Assert.Equal(Has("closed"), ours.HasFlag(DistressConditions.Closed));
            Assert.Equal(Has("ministry_recorded"), ours.HasFlag(DistressConditions.MinistryRecorded));
            checkedConditions += 2;
            if (Accepted(q))
            {
                Assert.Equal(Has("low_cash"), ours.HasFlag(DistressConditions.LowCash));
                checkedConditions++;
                if (Accepted(q.AddQuarters(-4)) || q.AddQuarters(-4) < history.Workshop.LabelledQuarter)
                {
                    Assert.Equal(Has("revenue_drop"), ours.HasFlag(DistressConditions.RevenueDrop));
                    checkedConditions++;
                }
            }

            if (!Rejected(q) && !Rejected(q.AddQuarters(-1)))
            {
                Assert.Equal(Has("missed_returns"), ours.HasFlag(DistressConditions.MissedReturns));
                checkedConditions++;
            }
        }

        Assert.True(checkedConditions > 4 * cohort.Distress.Count, $"only {checkedConditions} conditions were observable");
        Assert.Contains(cohort.Distress, d => d.InDistress);
    }
}
