using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Tests.Storage;

public sealed class PartitionKeyFileNameTests
{
    [Theory]
    [InlineData("w0001", "w0001")]
    [InlineData("W0001", "_w0001")]
    [InlineData("2024-Q3", "2024-_q3")]
    [InlineData("", "~")]
    [InlineData("a b", "a~20b")]
    [InlineData("É", "~c3~89")]
    [InlineData("🚀", "~f0~9f~9a~80")]
    [InlineData("_~.", "~5f~7e~2e")]
    [InlineData("con", "~63on")]
    [InlineData("CON", "_c_o_n")]
    [InlineData("com1", "~63om1")]
    [InlineData("console", "console")]
    public void Encode_Key_GivesSafeFileName(string key, string expected)
    {
        Assert.Equal(expected, PartitionKeyFileName.Encode(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("W0001")]
    [InlineData("w0001")]
    [InlineData("Atelier d'Évry – Sud (n°2) 日本 🚀 ~_%.")]
    [InlineData("con")]
    [InlineData("~")]
    [InlineData("_")]
    [InlineData("2024-Q3")]
    public void Decode_EncodedKey_GivesTheKeyBack(string key)
    {
        Assert.Equal(key, PartitionKeyFileName.Decode(PartitionKeyFileName.Encode(key)));
    }

    [Fact]
    public void Encode_DistinctKeysDifferingByCase_GiveNamesDifferingOtherwise()
    {
        var upper = PartitionKeyFileName.Encode("Ab");
        var lower = PartitionKeyFileName.Encode("ab");

        Assert.NotEqual(upper.ToUpperInvariant(), lower.ToUpperInvariant());
    }

    [Fact]
    public void Encode_TooLongKey_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => PartitionKeyFileName.Encode(new string('é', 40)));

        Assert.StartsWith("Partition key '", e.Message, StringComparison.Ordinal);
        Assert.Equal("partitionKey", e.ParamName);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("~4")]
    [InlineData("~zz")]
    [InlineData("_1")]
    [InlineData("a.json")]
    public void Decode_NotAnEncodedKey_ThrowsArgumentException(string fileName)
    {
        Assert.Throws<ArgumentException>(() => PartitionKeyFileName.Decode(fileName));
    }
}
