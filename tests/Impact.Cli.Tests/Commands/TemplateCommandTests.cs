using Impact.Testing;

using Impact.Analytics.Returns;

namespace Impact.Cli.Tests.Commands;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task Template_WritesTheBlankTemplate(string format)
    {
        var file = Path.Combine(_folder.Root, "modele." + format);
        var run = await CliRun.RunAsync("template", "--format", format, "--out", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ReturnTemplate.Write(ReturnFormats.FromExtension(format)!.Value), File.ReadAllBytes(file));
    }

    [Fact]
    public async Task Template_UnknownFormatIsAUsageError()
    {
        var run = await CliRun.RunAsync("template", "--format", "pdf", "--out", Path.Combine(_folder.Root, "x.pdf"));
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder.Root, "x.pdf")));
    }

    [Fact]
    public async Task TemplateThenValidate_FilledJsonTemplateIsAccepted()
    {
        var file = Path.Combine(_folder.Root, "returns", "MP-002", "2024-Q3.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Assert.Equal(0, (await CliRun.RunAsync("template", "--format", "json", "--out", file)).ExitCode);
        var blank = await CliRun.RunAsync("validate", file);
        Assert.Equal(1, blank.ExitCode);
        Assert.Contains("Champ obligatoire absent ou vide.", blank.Output, StringComparison.Ordinal);

        var text = File.ReadAllText(file);
        var sample = Impact.Analytics.Validation.ReturnValidator.Validate(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "returns", "MP-002", "2024-Q3.csv")),
            ReturnFormat.Csv, "2024-Q3.csv", Impact.Analytics.Validation.ValidationContext.None).Return!;
        foreach (var field in ReturnSchema.Fields)
        {
            var value = sample.FormatValue(field);
            text = text.Replace($"\"{field.Key}\": null", $"\"{field.Key}\": {(value is null ? "null" : System.Text.Json.JsonSerializer.Serialize(value))}", StringComparison.Ordinal);
        }

        File.WriteAllText(file, text);
        var filled = await CliRun.RunAsync("validate", file);
        Assert.Equal(0, filled.ExitCode);
        Assert.Contains("Résultat : ACCEPTÉ.", filled.Output, StringComparison.Ordinal);
    }
}
