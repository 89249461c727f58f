using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Returns;

/// <summary>
/// Seeded mutations of real files through every reader: whatever the bytes, validation gives a report (rejected, or
/// accepted) whose findings the readers named themselves, never an exception. A first step towards the property test
/// issue 12 asks for (FsCheck over every reader, bounded time and memory).
/// </summary>
public sealed class ReturnReaderMutationTests
{
    /// <summary>Bytes that matter to the readers' syntax.</summary>
    private const string Syntax = "\\\"{};,\n\r\0";

    public static TheoryData<ReturnFormat, int> Cases { get; } = new()
    {
        { ReturnFormat.Csv, 1 }, { ReturnFormat.Csv, 2 }, { ReturnFormat.Json, 1 }, { ReturnFormat.Json, 2 }, { ReturnFormat.Xlsx, 1 },
    };

    private static byte[] Original(ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => SampleReturns.Csv(SampleReturns.Valid(), ';'),
        ReturnFormat.Json => SampleReturns.Json(SampleReturns.With("narrative", "Été : é 😀")),
        _ => ReturnTemplate.Write(format),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_AnyMutationGivesAReportNeverAnException(ReturnFormat format, int seed)
    {
        var original = Original(format);
        var random = new Random(seed);
        var outcomes = new HashSet<ValidationStatus>();
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(4) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)Syntax[random.Next(Syntax.Length)],
                    2 => (byte)(bytes[at] ^ 0x80),
                    _ => (byte)'u',
                };
            }

            var cut = random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
            var result = ReturnValidator.Validate(cut, format, "MP-002/2024-Q3." + format.Extension(), ValidationContext.None);
            outcomes.Add(result.Report.Status);
            Assert.Equal(result.Return is null, result.Report.Status == ValidationStatus.Rejected);
            // Every reader names its own failures; the validator's last guard (file.unreadable) is never what answers.
            Assert.DoesNotContain(result.Report.Findings, f => f.Rule == "file.unreadable");
        }

        Assert.Contains(ValidationStatus.Rejected, outcomes);
    }
}
