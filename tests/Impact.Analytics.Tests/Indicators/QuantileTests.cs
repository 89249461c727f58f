using Impact.Analytics.Indicators;

namespace Impact.Analytics.Tests.Indicators;

public sealed class QuantileTests
{
    [Theory]
    // [1, 2, 3, 4]: h = 3p; p = 0.25 -> h = 0.75 -> 1 + 0.75×(2 − 1) = 1.75; 0.5 -> h = 1.5 -> 2.5; 0.75 -> h = 2.25 -> 3.25
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.25, 1.75)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.75, 3.25)]
    // [1…5]: h = 4p lands on order statistics: 2, 3, 4
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.25, 2)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.5, 3)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.75, 4)]
    // [10, 20]: h = p -> 10 + p×10
    [InlineData(new[] { 10.0, 20 }, 0.25, 12.5)]
    [InlineData(new[] { 10.0, 20 }, 0.75, 17.5)]
    // A single value is every quantile.
    [InlineData(new[] { 7.0 }, 0.25, 7)]
    // p = 0 and p = 1 are the minimum and the maximum.
    [InlineData(new[] { -3.0, 0, 8 }, 0, -3)]
    [InlineData(new[] { -3.0, 0, 8 }, 1, 8)]
    // Ties: [2, 2, 2, 9], h = 2.25 -> 2 + 0.25×7 = 3.75
    [InlineData(new[] { 2.0, 2, 2, 9 }, 0.75, 3.75)]
    public void OfSorted_LinearInterpolationType7(double[] values, double probability, double expected)
    {
        var sorted = values.Select(v => (decimal)v).ToList();

        Assert.Equal((decimal)expected, Quantile.OfSorted(sorted, (decimal)probability));
    }

    [Fact]
    public void OfSorted_IsExactInDecimal()
    {
        // [0.1, 0.2, 0.4]: h = 0.5 at p = 0.25 -> 0.1 + 0.5×0.1 = 0.15, with no binary rounding.
        Assert.Equal(0.15m, Quantile.OfSorted([0.1m, 0.2m, 0.4m], 0.25m));
    }

    [Fact]
    public void OfSorted_RefusesEmptyUnsortedOrOutOfRangeInput()
    {
        Assert.Throws<ArgumentException>(() => Quantile.OfSorted([], 0.5m));
        Assert.Throws<ArgumentException>(() => Quantile.OfSorted([2m, 1m], 0.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile.OfSorted([1m], 1.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile.OfSorted([1m], -0.1m));
    }
}
