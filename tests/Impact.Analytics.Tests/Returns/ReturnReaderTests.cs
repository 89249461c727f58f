using System.Text;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;

namespace Impact.Analytics.Tests.Returns;

public sealed class ReturnReaderTests
{
    private static string? Value(ReturnDocument document, string key) => document.Entries.Single(e => e.Key == key).Value;

    [Fact]
    public void Read_CsvCommaDelimitedUsesDecimalPoint()
    {
        var document = ReturnReader.Read(SampleReturns.Csv(SampleReturns.Valid()), ReturnFormat.Csv);
        Assert.Empty(document.Findings);
        Assert.Equal(DecimalMark.Point, document.DecimalMark);
        Assert.Equal(40, document.Entries.Count);
        Assert.Equal("12650.5", Value(document, "revenue_services"));
        Assert.Equal("colonne 28", document.Entries.Single(e => e.Key == "revenue_services").Location);
    }

    [Fact]
    public void Read_CsvSemicolonDelimitedUsesDecimalComma()
    {
        var document = ReturnReader.Read(SampleReturns.Csv(SampleReturns.Valid(), ';'), ReturnFormat.Csv);
        Assert.Empty(document.Findings);
        Assert.Equal(DecimalMark.Comma, document.DecimalMark);
        Assert.Equal("12650,5", Value(document, "revenue_services"));
    }

    [Fact]
    public void Read_CsvWithBomAndCommentLines()
    {
        var csv = "\uFEFF# commentaire\n#Libellés;...\n" + Encoding.UTF8.GetString(SampleReturns.Csv(SampleReturns.Valid(), ';'));
        var document = ReturnReader.Read(Encoding.UTF8.GetBytes(csv), ReturnFormat.Csv);
        Assert.Empty(document.Findings);
        Assert.Equal("MP-002", Value(document, "workshop_id"));
    }

    [Fact]
    public void Read_CsvWindows1252KeepsAccents()
    {
        var values = SampleReturns.With("narrative", "Été réussi : stagiaires en ébénisterie.");
        var utf8 = Encoding.UTF8.GetString(SampleReturns.Csv(values, ';'));
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(utf8);
        var document = ReturnReader.Read(cp1252, ReturnFormat.Csv);
        Assert.Empty(document.Findings);
        Assert.Equal("Été réussi : stagiaires en ébénisterie.", Value(document, "narrative"));
    }

    [Fact]
    public void Read_CsvQuotedNarrativeWithSeparatorAndNewline()
    {
        var values = SampleReturns.With("narrative", "Ligne 1 ; suite\nLigne 2 \"citée\"");
        var document = ReturnReader.Read(SampleReturns.Csv(values, ';'), ReturnFormat.Csv);
        Assert.Empty(document.Findings);
        Assert.Equal("Ligne 1 ; suite\nLigne 2 \"citée\"", Value(document, "narrative"));
    }

    [Theory]
    [InlineData("", "file.empty")]
    [InlineData("  \r\n ", "file.empty")]
    [InlineData("workshop_id;quarter\n", "csv.no_data_row")]
    [InlineData("workshop_id;quarter\nMP-002;2024-Q3\nMP-002;2024-Q4\n", "csv.extra_rows")]
    [InlineData("workshop_id;quarter;status\nMP-002;2024-Q3\n", "csv.truncated")]
    [InlineData("workshop_id;quarter;narrative\nMP-002;2024-Q3;\"texte coupé", "csv.truncated")]
    [InlineData("workshop_id;;quarter\nMP-002;x;2024-Q3\n", "csv.value_without_key")]
    public void Read_CsvProblemsBecomeFindings(string csv, string rule)
    {
        var document = ReturnReader.Read(Encoding.UTF8.GetBytes(csv), ReturnFormat.Csv);
        Assert.Contains(document.Findings, f => f.Rule == rule);
    }

    [Fact]
    public void Read_BinaryGarbageIsRefused()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        var document = ReturnReader.Read(garbage, ReturnFormat.Csv);
        Assert.Equal("file.binary", Assert.Single(document.Findings).Rule);
        Assert.Empty(document.Entries);
    }

    [Fact]
    public void Read_Utf16IsRefusedWithAFix()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("workshop_id;quarter\nMP-002;2024-Q3\n")).ToArray();
        var finding = Assert.Single(ReturnReader.Read(utf16, ReturnFormat.Csv).Findings);
        Assert.Equal("file.encoding", finding.Rule);
        Assert.Equal("Le fichier est encodé en UTF-16, un encodage non pris en charge.", finding.Message);
    }

    [Fact]
    public void Read_XlsxSentAsCsvIsRefused()
    {
        var finding = Assert.Single(ReturnReader.Read(ReturnTemplate.WriteXlsx(), ReturnFormat.Csv).Findings);
        Assert.Equal("file.binary", finding.Rule);
    }

    [Fact]
    public async Task ReadAsync_StopsReadingPastTheLimit()
    {
        using var huge = new CountingStream(50L * 1024 * 1024);
        var document = await ReturnReader.ReadAsync(huge, ReturnFormat.Csv);
        Assert.Equal("file.too_large", Assert.Single(document.Findings).Rule);
        Assert.Equal(ReturnReader.MaxBytes + 1, huge.Position);
    }

    [Fact]
    public void Read_JsonObjectOfKeys()
    {
        var document = ReturnReader.Read(
            Encoding.UTF8.GetBytes("""{"$comment": "x", "workshop_id": "MP-002", "staff_fte": 5.8, "local_authority_partner": true, "lease_end": null}"""),
            ReturnFormat.Json);
        Assert.Empty(document.Findings);
        Assert.Equal(["workshop_id", "staff_fte", "local_authority_partner", "lease_end"], document.Entries.Select(e => e.Key));
        Assert.Equal("5.8", Value(document, "staff_fte"));
        Assert.Equal("yes", Value(document, "local_authority_partner"));
        Assert.Null(Value(document, "lease_end"));
    }

    [Theory]
    [InlineData("""{"workshop_id": "MP-002", """, "json.invalid")]
    [InlineData("""[1, 2]""", "json.not_object")]
    [InlineData("""{"staff_fte": {"a": 1}}""", "json.nested_value")]
    [InlineData("""{"workshop_id": "MP-002", "narrative": "\ud800"}""", "json.invalid_escape")]
    [InlineData("""{"workshop_id": "MP-002", "\udc00": "x"}""", "json.invalid_escape")]
    public void Read_JsonProblemsBecomeFindings(string json, string rule) =>
        Assert.Equal(rule, Assert.Single(ReturnReader.Read(Encoding.UTF8.GetBytes(json), ReturnFormat.Json).Findings).Rule);

    [Fact]
    public void Read_XlsxGarbageIsUnreadable()
    {
        var truncated = ReturnTemplate.WriteXlsx()[..700];
        Assert.Equal("xlsx.unreadable", Assert.Single(ReturnReader.Read(truncated, ReturnFormat.Xlsx).Findings).Rule);
        Assert.Equal("xlsx.unreadable", Assert.Single(ReturnReader.Read("not a zip at all"u8, ReturnFormat.Xlsx).Findings).Rule);
    }

    /// <summary>A stream of zeros of a given length that counts what was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)'a', offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
