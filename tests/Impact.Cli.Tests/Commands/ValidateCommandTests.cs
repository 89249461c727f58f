using Impact.Testing;

using System.Text;
using System.Text.Json;

namespace Impact.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private static readonly string SampleRoot = Path.Combine(RepositoryPaths.Root, "samples");
    private readonly TempFolder _folder = new();

    public ValidateCommandTests()
    {
        _folder.Write("registry/workshops.csv", File.ReadAllBytes(Path.Combine(SampleRoot, "registry", "workshops.csv")));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] SampleCsv() => File.ReadAllBytes(Path.Combine(SampleRoot, "returns", "MP-002", "2024-Q3.csv"));

    /// <summary>The sample return with one value replaced (the sample is ';'-delimited, one header, one row).</summary>
    private static byte[] SampleWith(string key, string value)
    {
        var lines = Encoding.UTF8.GetString(SampleCsv()).Split('\n');
        var keys = lines[0].Split(';');
        var cells = lines[1].Split(';').ToList();
        var at = Array.IndexOf(keys, key);
        if (key == "narrative")
        {
            cells = [.. cells.Take(at), "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""];
        }
        else
        {
            cells[at] = value;
        }

        return Encoding.UTF8.GetBytes(lines[0] + "\n" + string.Join(';', cells) + "\n");
    }

    [Fact]
    public async Task Validate_SampleReturnIsAccepted()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(SampleRoot, "returns", "MP-002", "2024-Q3.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Manufacture : MP-002", run.Output, StringComparison.Ordinal);
        Assert.Contains("Résultat : ACCEPTÉ.", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Validate_JsonOutputIsMachineReadable()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(SampleRoot, "returns", "MP-001", "2024-Q3.json"), "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("MP-001", json.RootElement.GetProperty("workshop_id").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("error_count").GetInt32());
    }

    public static TheoryData<string, string, string> BadInputs()
    {
        var garbage = new byte[2048];
        new Random(7).NextBytes(garbage);
        var cp1252WithUtf8Bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(CodePagesEncodingProvider.Instance.GetEncoding(1252)!
            .GetBytes("workshop_id;narrative\nMP-002;été\n")).ToArray();
        return new TheoryData<string, string, string>
        {
            { "vide", "", "Le fichier est vide." },
            { "binaire", Convert.ToBase64String(garbage), "Le fichier contient des données binaires illisibles" },
            { "tronqué", Convert.ToBase64String(SampleCsv()[..^150]), "Le fichier CSV semble tronqué" },
            { "tronqué dans l'en-tête", Convert.ToBase64String(SampleCsv()[..400]), "aucune ligne de valeurs : il est peut-être tronqué" },
            { "clé en double", Convert.ToBase64String(Encoding.UTF8.GetBytes("workshop_id;quarter;quarter\nMP-002;2024-Q3;2024-Q3\n")), "La clé « quarter » apparaît plusieurs fois" },
            { "mauvais encodage", Convert.ToBase64String(cp1252WithUtf8Bom), "Le fichier annonce l'encodage UTF-8 mais contient des caractères invalides." },
            { "utf-16", Convert.ToBase64String(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("workshop_id\nMP-002\n")).ToArray()), "encodé en UTF-16" },
            { "etp", Convert.ToBase64String(SampleWith("staff_fte", "9,5")), "L'effectif en ETP (9,5) dépasse l'effectif salarié (7)." },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Validate_BadInputIsRejectedWithAFrenchFinding(string name, string base64, string expected)
    {
        var content = name == "vide" ? [] : Convert.FromBase64String(base64);
        var file = _folder.Write("returns/MP-002/2024-Q3.csv", content);
        var run = await CliRun.RunAsync("validate", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Résultat : REFUSÉ", run.Output, StringComparison.Ordinal);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    /// <summary>Untrusted text is stored as text: a formula or a tag in the narrative is accepted with a warning saying how it will be shown.</summary>
    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("Super <script>alert(1)</script>")]
    public async Task Validate_ActiveContentInTheNarrativeIsAcceptedWithAWarning(string narrative)
    {
        var file = _folder.Write("returns/MP-002/2024-Q3.csv", SampleWith("narrative", narrative));
        var run = await CliRun.RunAsync("validate", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Résultat : ACCEPTÉ", run.Output, StringComparison.Ordinal);
        Assert.Contains("sera toujours affiché comme du texte, jamais exécuté", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A file outside any input folder, without --registry: the report says the registry was not consulted.</summary>
    [Fact]
    public async Task Validate_AFileOnItsOwn_SaysTheRegistryWasNotChecked()
    {
        var file = _folder.Write("retour-a-verifier.csv", File.ReadAllBytes(Path.Combine(SampleRoot, "returns", "MP-002", "2024-Q3.csv")));

        var alone = await CliRun.RunAsync("validate", file);
        var withRegistry = await CliRun.RunAsync("validate", file, "--registry", Path.Combine(SampleRoot, "registry", "workshops.csv"));

        Assert.Equal(0, alone.ExitCode);
        Assert.Equal(
            "Attention : le registre des manufactures n'a pas été consulté (fichier hors d'un dossier d'entrée, sans --registry). "
            + "L'identifiant de la manufacture et sa période de déclaration n'ont donc pas été vérifiés ; le dépôt réel les vérifiera. "
            + "Pour les vérifier ici : impact validate FICHIER --registry registry/workshops.csv.\n",
            alone.Error.ReplaceLineEndings("\n"));
        Assert.Equal(0, withRegistry.ExitCode);
        Assert.Equal("", withRegistry.Error);
    }

    [Fact]
    public async Task Validate_FiftyMegabyteFileIsRefusedUnread()
    {
        var file = Path.Combine(_folder.Root, "returns", "MP-002", "2024-Q3.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var stream = File.Create(file))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var run = await CliRun.RunAsync("validate", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Le fichier dépasse la taille maximale de 1024 Kio (1 Mio)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PathTraversalIsRefusedBeforeReading()
    {
        var run = await CliRun.RunAsync("validate", "returns/../x.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Le chemin contient un segment interdit", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownWorkshopIsRejectedAgainstTheFolderRegistry()
    {
        var content = Encoding.UTF8.GetString(SampleCsv()).Replace("MP-002", "MP-404", StringComparison.Ordinal);
        var file = _folder.Write("returns/MP-404/2024-Q3.csv", Encoding.UTF8.GetBytes(content));
        var run = await CliRun.RunAsync("validate", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("L'identifiant MP-404 ne figure pas au registre des manufactures de proximité.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExplicitRegistryIsUsedOutsideAnInputFolder()
    {
        var file = _folder.Write("ailleurs/retour.csv", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SampleCsv()).Replace("MP-002", "MP-404", StringComparison.Ordinal)));
        var run = await CliRun.RunAsync("validate", file, "--registry", Path.Combine(_folder.Root, "registry", "workshops.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("registre", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_JumpFromThePreviousQuarterInTheFolderWarns()
    {
        _folder.Write("returns/MP-002/2024-Q2.csv", File.ReadAllBytes(Path.Combine(SampleRoot, "returns", "MP-002", "2024-Q2.csv")));
        var file = _folder.Write("returns/MP-002/2024-Q3.csv", SampleWith("operating_expenses", "732000"));
        var run = await CliRun.RunAsync("validate", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Charges d'exploitation : 71", run.Output, StringComparison.Ordinal);
        Assert.Contains("un écart d'un facteur 10 ou plus", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFileIsAnIoError()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(_folder.Root, "nope.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Erreur : fichier introuvable :", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingRegistryIsAnIoError()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(SampleRoot, "returns", "MP-002", "2024-Q3.csv"), "--registry", "/nonexistent/workshops.csv");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Erreur : registre introuvable : /nonexistent/workshops.csv\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Validate_WithoutFileIsAUsageError()
    {
        var run = await CliRun.RunAsync("validate");
        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("Voir « impact validate --help ».\n", run.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
