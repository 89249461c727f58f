using Impact.Analytics.Dashboard;

namespace Impact.Analytics.Tests.Dashboard;

public sealed class FrenchFormatTests
{
    // No-break spaces (U+00A0) group thousands and precede units, so a figure never breaks across lines.
    private const string Nbsp = "\u00A0";

    [Theory]
    [InlineData(1234.5, "1" + Nbsp + "234,5" + Nbsp + "€")]
    [InlineData(1234.56, "1" + Nbsp + "234,56" + Nbsp + "€")]
    [InlineData(1234567, "1" + Nbsp + "234" + Nbsp + "567" + Nbsp + "€")]
    [InlineData(-500, "-500" + Nbsp + "€")]
    [InlineData(0, "0" + Nbsp + "€")]
    public void Euros_WritesFrenchAmounts(double value, string expected) => Assert.Equal(expected, FrenchFormat.Euros(value));

    [Fact]
    public void Euros_DecimalGivesTheSameText() => Assert.Equal("1" + Nbsp + "234,5" + Nbsp + "€", FrenchFormat.Euros(1234.5m));

    [Theory]
    [InlineData(0.42, "42" + Nbsp + "%")]
    [InlineData(0.425, "43" + Nbsp + "%")]
    [InlineData(1, "100" + Nbsp + "%")]
    [InlineData(0, "0" + Nbsp + "%")]
    public void Percent_WritesAWholePercentage(double ratio, string expected) => Assert.Equal(expected, FrenchFormat.Percent(ratio));

    [Fact]
    public void Percent_WithADecimal() => Assert.Equal("42,5" + Nbsp + "%", FrenchFormat.Percent(0.425, 1));

    [Theory]
    [InlineData(1234.5, 1, "1" + Nbsp + "234,5")]
    [InlineData(3.25, 1, "3,3")]
    [InlineData(-0.04, 1, "0")]
    [InlineData(71.96, 1, "72")]
    public void Number_RoundsAndDropsTrailingZeros(double value, int decimals, string expected) =>
        Assert.Equal(expected, FrenchFormat.Number(value, decimals));

    [Fact]
    public void Months_Quarter_Date()
    {
        Assert.Equal("3,5" + Nbsp + "mois", FrenchFormat.Months(3.5));
        Assert.Equal("T3 2024", FrenchFormat.Quarter(new Quarter(2024, 3)));
        Assert.Equal("30/10/2024", FrenchFormat.Date(new DateOnly(2024, 10, 30)));
    }

    [Theory]
    [InlineData("2024-10-30T13:05:00Z", "30/10/2024 à 14 h 05")]
    [InlineData("2024-07-15T08:30:00Z", "15/07/2024 à 10 h 30")]
    [InlineData("2024-10-27T00:30:00Z", "27/10/2024 à 2 h 30")]
    [InlineData("2024-10-27T01:30:00Z", "27/10/2024 à 2 h 30")]
    [InlineData("2024-12-31T23:30:00Z", "01/01/2025 à 0 h 30")]
    public void DateTime_IsParisTime(string utc, string expected) =>
        Assert.Equal(expected, FrenchFormat.DateTime(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Date_OfAnInstant_IsTheDayInParis() =>
        Assert.Equal("01/01/2025", FrenchFormat.Date(new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero)));
}
