using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;

namespace Impact.Analytics.Tests.Returns;

public sealed class FieldValueParserTests
{
    [Theory]
    [InlineData("1234.5", DecimalMark.Point, 1234.5)]
    [InlineData("1234,5", DecimalMark.Comma, 1234.5)]
    [InlineData("1 234,5", DecimalMark.Comma, 1234.5)]
    [InlineData("1\u00A0234,50 €", DecimalMark.Comma, 1234.5)]
    [InlineData("1.234,5", DecimalMark.Comma, 1234.5)]
    [InlineData("1,234.5", DecimalMark.Point, 1234.5)]
    [InlineData("12.5", DecimalMark.Comma, 12.5)]
    [InlineData("12,5", DecimalMark.Point, 12.5)]
    [InlineData("1.234.567", DecimalMark.Comma, 1234567)]
    [InlineData("-850", DecimalMark.Point, -850)]
    [InlineData("1e3", DecimalMark.Point, 1000)]
    [InlineData("0,125", DecimalMark.Comma, 0.125)]
    [InlineData("1.234", DecimalMark.Point, 1.234)]
    public void TryParseNumber_ReadsFrenchAndInvariantWriting(string raw, DecimalMark mark, double expected)
    {
        Assert.True(FieldValueParser.TryParseNumber(raw, mark, out var value, out var problem), problem?.Message);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1.234", DecimalMark.Comma)]
    [InlineData("1,234", DecimalMark.Point)]
    [InlineData("1.2.3", DecimalMark.Point)]
    [InlineData("12 euros", DecimalMark.Comma)]
    [InlineData("abc", DecimalMark.Point)]
    [InlineData("1e3", DecimalMark.Comma)]
    public void TryParseNumber_RefusesAmbiguousOrNonNumbers(string raw, DecimalMark mark)
    {
        Assert.False(FieldValueParser.TryParseNumber(raw, mark, out _, out var problem));
        Assert.Equal("field.type", problem!.Rule);
    }

    [Theory]
    [InlineData("oui", true)]
    [InlineData("YES", true)]
    [InlineData("non", false)]
    [InlineData("false", false)]
    public void Parse_YesNoAcceptsFrenchAndEnglish(string raw, bool expected) =>
        Assert.Equal(expected, FieldValueParser.Parse(ReturnSchema.LocalAuthorityPartner, raw, DecimalMark.Point, out _));

    [Theory]
    [InlineData("Location (bail)", "leased")]
    [InlineData("LEASED", "leased")]
    [InlineData("mis a disposition par une collectivite", "local_authority_provided")]
    public void Parse_ChoiceAcceptsKeyOrFrenchLabel(string raw, string expected) =>
        Assert.Equal(expected, FieldValueParser.Parse(ReturnSchema.PremisesStatus, raw, DecimalMark.Point, out _));

    [Fact]
    public void Parse_ChoiceListsAllowedValuesWhenWrong()
    {
        Assert.Null(FieldValueParser.Parse(ReturnSchema.Status, "ouvert", DecimalMark.Point, out var problem));
        Assert.Equal("field.choice", problem!.Rule);
        Assert.Equal("Choisissez une de ces valeurs : « en activité » (ou active), « activité suspendue » (ou suspended), « fermée » (ou closed).", problem.Fix);
    }

    [Theory]
    [InlineData("2027-06-30")]
    [InlineData("30/06/2027")]
    public void Parse_DateAcceptsIsoAndFrench(string raw) =>
        Assert.Equal(new DateOnly(2027, 6, 30), FieldValueParser.Parse(ReturnSchema.LeaseEnd, raw, DecimalMark.Point, out _));

    [Fact]
    public void Parse_WholeNumberRefusesDecimals()
    {
        Assert.Null(FieldValueParser.Parse(ReturnSchema.StaffHeadcount, "6.5", DecimalMark.Point, out var problem));
        Assert.Equal("Un nombre entier est attendu.", problem!.Message);
        Assert.Equal(6, FieldValueParser.Parse(ReturnSchema.StaffHeadcount, "6,0", DecimalMark.Comma, out _));
    }

    [Theory]
    [InlineData(1234.5, "1234.5")]
    [InlineData(12.50, "12.5")]
    [InlineData(-3, "-3")]
    public void Format_IsInvariantAndShort(double value, string expected) =>
        Assert.Equal(expected, FieldValueParser.Format((decimal)value));
}
