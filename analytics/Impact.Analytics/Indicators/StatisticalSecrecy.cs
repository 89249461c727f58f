namespace Impact.Analytics.Indicators;

/// <summary>
/// Statistical secrecy, as official statistics practise it, for everything published to anonymous readers: an
/// aggregate over fewer than <see cref="MinWorkshops"/> workshops, or one in which a single workshop makes
/// <see cref="DominanceShare"/> or more of the total, is not shown (« secret statistique »), in pages, charts and
/// downloads alike. docs/dashboard.md states the rule.
/// </summary>
public static class StatisticalSecrecy
{
    /// <summary>Fewest workshops an aggregate may be computed over and still be published: 3.</summary>
    public const int MinWorkshops = 3;

    /// <summary>Largest share of a total one workshop may hold for the total to be published: under 85 %.</summary>
    public const decimal DominanceShare = 0.85m;

    /// <summary>What a page or a download shows instead of a secret value.</summary>
    public const string Label = "secret statistique";

    /// <summary>Whether an aggregate is secret: over fewer than 3 workshops, or one workshop 85 % or more of the total (in absolute values).</summary>
    public static bool IsSecret(AggregateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Workshops < MinWorkshops || row.DominantShare >= DominanceShare;
    }

    /// <summary>Whether a completeness row is secret: fewer than 3 returns expected (each would be one workshop's).</summary>
    public static bool IsSecret(CompletenessRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Expected < MinWorkshops;
    }

    /// <summary>Whether a count of workshops by category (risk levels of a quarter) may be shown: over at least 3 workshops.</summary>
    public static bool MayShowCounts(int workshops) => workshops >= MinWorkshops;
}
