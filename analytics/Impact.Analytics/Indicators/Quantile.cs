namespace Impact.Analytics.Indicators;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics: Hyndman and Fan's type 7, the default
/// of R's <c>quantile()</c> and NumPy, and Excel's QUARTILE.INC / PERCENTILE.INC. For sorted values
/// x[0] ≤ … ≤ x[n−1] and a probability p, h = (n − 1)·p and Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
/// Example: [1, 2, 3, 4] gives Q(0.25) = 1.75, Q(0.5) = 2.5, Q(0.75) = 3.25.
/// </summary>
public static class Quantile
{
    /// <summary>The type-7 quantile of <paramref name="sortedValues"/> (ascending) at <paramref name="probability"/>.</summary>
    /// <exception cref="ArgumentException">The list is empty or not in ascending order.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside [0, 1].</exception>
    public static decimal OfSorted(IReadOnlyList<decimal> sortedValues, decimal probability)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1m);
        if (sortedValues.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sortedValues));
        }

        for (var i = 1; i < sortedValues.Count; i++)
        {
            if (sortedValues[i] < sortedValues[i - 1])
            {
                throw new ArgumentException("The values must be sorted in ascending order.", nameof(sortedValues));
            }
        }

        var h = (sortedValues.Count - 1) * probability;
        var low = (int)decimal.Floor(h);
        var fraction = h - low;
        return low + 1 < sortedValues.Count
            ? sortedValues[low] + (fraction * (sortedValues[low + 1] - sortedValues[low]))
            : sortedValues[low];
    }
}
