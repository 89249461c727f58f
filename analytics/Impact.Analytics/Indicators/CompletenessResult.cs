namespace Impact.Analytics.Indicators;

/// <summary>What <see cref="Completeness.Compute"/> finds.</summary>
/// <param name="Rows">Per quarter and group, sorted by dimension, group, quarter.</param>
/// <param name="Missing">Every missing return, sorted by coach, quarter, workshop (ordinal).</param>
public sealed record CompletenessResult(IReadOnlyList<CompletenessRow> Rows, IReadOnlyList<MissingReturn> Missing)
{
    /// <summary>The national row of each quarter (dimension <see cref="Breakdown.National"/>), in quarter order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<CompletenessRow> National =>
        [.. Rows.Where(r => string.Equals(r.Dimension, Breakdown.National, StringComparison.Ordinal))];
}
