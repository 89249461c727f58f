using Impact.Analytics.Csv;

namespace Impact.Analytics.Tests.Csv;

public sealed class FormulaGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+33 1 23 45 67 89", "'+33 1 23 45 67 89")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tsomething", "'\tsomething")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-", "'-")]
    public void Neutralise_PrefixesFormulaLikeText(string cell, string expected) => Assert.Equal(expected, FormulaGuard.Neutralise(cell));

    [Theory]
    [InlineData("-0.0465")]
    [InlineData("-500")]
    [InlineData("+12.5")]
    [InlineData("Hauts-de-France")]
    [InlineData("MP-001")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Neutralise_LeavesNumbersAndPlainTextAlone(string cell) => Assert.Equal(cell, FormulaGuard.Neutralise(cell));

    [Fact]
    public void Neutralise_Null() => Assert.Null(FormulaGuard.Neutralise(null));
}
