namespace Impact.Analytics.Risk;

/// <summary>The conditions that put a workshop in distress at a quarter (DOMAIN.md, "Outcomes and risk").</summary>
[Flags]
public enum DistressConditions
{
    /// <summary>Not in distress.</summary>
    None = 0,

    /// <summary>Closed at or before the quarter: a return declaring status closed, or a recorded closure.</summary>
    Closed = 1,

    /// <summary>Cash at the end of the quarter covers under one month of expenses: cash_end &lt; operating_expenses / 3.</summary>
    LowCash = 2,

    /// <summary>Own revenue fell 30% or more year on year: own_revenue ≤ 0.7 × own_revenue four quarters earlier (&gt; 0).</summary>
    RevenueDrop = 4,

    /// <summary>The returns of the quarter and of the one before were both expected and neither was accepted.</summary>
    MissedReturns = 8,

    /// <summary>The ministry recorded distress at or before the quarter and no recovery since.</summary>
    MinistryRecorded = 16,
}

/// <summary>
/// The distress label (DOMAIN.md): whether a workshop is in distress at a quarter, and the training label, distress at
/// any of the <see cref="RiskOptions.HorizonQuarters"/> quarters after it. docs/risk-model.md defines both.
/// </summary>
public static class DistressLabels
{
    /// <summary>The share of a year-ago own revenue at or under which own revenue has fallen 30% or more.</summary>
    public const decimal RevenueDropRatio = 0.7m;

    /// <summary>
    /// The conditions that hold at <paramref name="quarter"/>, from the history as given (the caller decides what is known):
    /// <list type="bullet">
    /// <item><see cref="DistressConditions.Closed"/>: a return (current or accepted upload) with status closed at or before
    /// the quarter, or a recorded closure at or before it;</item>
    /// <item><see cref="DistressConditions.LowCash"/>: the quarter's current return has cash_end × 3 &lt; operating_expenses;</item>
    /// <item><see cref="DistressConditions.RevenueDrop"/>: the quarter's return and the one four quarters earlier exist, the
    /// earlier own revenue is positive and the current one is at most <see cref="RevenueDropRatio"/> of it;</item>
    /// <item><see cref="DistressConditions.MissedReturns"/>: the quarter and the one before are both expected
    /// (reporting window, not closed before) and have no accepted upload (a rejected upload alone is missed);</item>
    /// <item><see cref="DistressConditions.MinistryRecorded"/>: a recorded distress at or before the quarter and no recorded
    /// recovery after it and at or before the quarter.</item>
    /// </list>
    /// </summary>
    public static DistressConditions Conditions(WorkshopHistory history, Quarter quarter, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var conditions = DistressConditions.None;
        if (history.IsClosed(quarter))
        {
            conditions |= DistressConditions.Closed;
        }

        if (history.ReturnAt(quarter) is { } current)
        {
            // cash_end < operating_expenses / 3, without the division so that it stays exact.
            if (current.CashEnd * 3m < current.OperatingExpenses)
            {
                conditions |= DistressConditions.LowCash;
            }

            if (quarter.Year > Quarter.MinYear && history.ReturnAt(quarter.AddQuarters(-4)) is { } yearAgo
                && yearAgo.OwnRevenue > 0 && current.OwnRevenue <= RevenueDropRatio * yearAgo.OwnRevenue)
            {
                conditions |= DistressConditions.RevenueDrop;
            }
        }

        if (quarter.Year > Quarter.MinYear && Missed(history, quarter) && Missed(history, quarter.AddQuarters(-1)))
        {
            conditions |= DistressConditions.MissedReturns;
        }

        if (history.MinistryDistress(quarter))
        {
            conditions |= DistressConditions.MinistryRecorded;
        }

        return conditions;
    }

    /// <summary>Whether the workshop is in distress at <paramref name="quarter"/>: at least one of the <see cref="Conditions"/>.</summary>
    public static bool InDistress(WorkshopHistory history, Quarter quarter, RiskOptions options) =>
        Conditions(history, quarter, options) != DistressConditions.None;

    /// <summary>
    /// The training label of <paramref name="quarter"/>: in distress at any quarter from quarter + 1 to quarter +
    /// <see cref="RiskOptions.HorizonQuarters"/>; null when that horizon is not fully observed, i.e. it passes
    /// <paramref name="lastObserved"/> (the data's last quarter). A row without a label is not used for training.
    /// </summary>
    public static bool? DistressWithinHorizon(WorkshopHistory history, Quarter quarter, Quarter lastObserved, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (quarter.AddQuarters(options.HorizonQuarters) > lastObserved)
        {
            return null;
        }

        for (var k = 1; k <= options.HorizonQuarters; k++)
        {
            if (InDistress(history, quarter.AddQuarters(k), options))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the workshop is scored (and, with a label, a training row) at <paramref name="quarter"/>: labelled at or
    /// before it, within its reporting window, and not closed at or before it.
    /// </summary>
    public static bool IsActive(WorkshopHistory history, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.InReportingWindow(quarter) && !history.IsClosed(quarter);
    }

    private static bool Missed(WorkshopHistory history, Quarter quarter) =>
        history.ExpectsReturn(quarter) && history.FirstAccepted(quarter) is null;
}
