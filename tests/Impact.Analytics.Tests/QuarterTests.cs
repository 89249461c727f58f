namespace Impact.Analytics.Tests;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2024-Q3", 2024, 3)]
    [InlineData("2024-q1", 2024, 1)]
    [InlineData(" 2022-T4 ", 2022, 4)]
    [InlineData("T3 2024", 2024, 3)]
    [InlineData("t1 2023", 2023, 1)]
    [InlineData("T4\u00A02022", 2022, 4)]
    public void TryParse_AcceptsMachineAndFrenchForms(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var quarter));
        Assert.Equal(new Quarter(year, number), quarter);
    }

    [Theory]
    [InlineData("2024-Q5")]
    [InlineData("2024-Q0")]
    [InlineData("2024Q3")]
    [InlineData("24-Q3")]
    [InlineData("1999-Q1")]
    [InlineData("T5 2024")]
    [InlineData("T3  2024")]
    [InlineData("T3 1999")]
    [InlineData("Q3 2024")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RefusesOtherText(string? text) => Assert.False(Quarter.TryParse(text, out _));

    [Fact]
    public void ToString_IsTheMachineForm() => Assert.Equal("2024-Q3", new Quarter(2024, 3).ToString());

    [Fact]
    public void ToFrench_IsTheReadingForm() => Assert.Equal("T3 2024", new Quarter(2024, 3).ToFrench());

    [Fact]
    public void AddQuarters_CrossesYears()
    {
        Assert.Equal(new Quarter(2025, 1), new Quarter(2024, 4).AddQuarters(1));
        Assert.Equal(new Quarter(2023, 4), new Quarter(2024, 1).AddQuarters(-1));
        Assert.Equal(new Quarter(2027, 2), new Quarter(2024, 4).AddQuarters(10));
    }

    [Fact]
    public void QuartersSince_CountsQuarters() => Assert.Equal(9, new Quarter(2024, 4).QuartersSince(new Quarter(2022, 3)));

    [Fact]
    public void FromDate_FindsTheQuarter()
    {
        Assert.Equal(new Quarter(2022, 3), Quarter.FromDate(new DateOnly(2022, 7, 12)));
        Assert.Equal(new Quarter(2021, 4), Quarter.FromDate(new DateOnly(2021, 12, 31)));
        Assert.Equal(new Quarter(2024, 1), Quarter.FromDate(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void FirstDayAndLastDay_BoundTheQuarter()
    {
        Assert.Equal(new DateOnly(2024, 7, 1), new Quarter(2024, 3).FirstDay);
        Assert.Equal(new DateOnly(2024, 9, 30), new Quarter(2024, 3).LastDay);
        Assert.Equal(new DateOnly(2024, 3, 31), new Quarter(2024, 1).LastDay);
    }

    [Fact]
    public void Constructor_RejectsQuarterNumberOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quarter(2024, 5));

    [Fact]
    public void Comparison_FollowsTime()
    {
        Assert.True(new Quarter(2023, 4) < new Quarter(2024, 1));
        Assert.True(new Quarter(2024, 2) >= new Quarter(2024, 2));
        Assert.Equal(-1, new Quarter(2023, 4).CompareTo(new Quarter(2024, 1)));
    }
}
