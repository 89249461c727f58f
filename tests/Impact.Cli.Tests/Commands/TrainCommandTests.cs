using System.Text.Json;
using Impact.Analytics.Risk;

namespace Impact.Cli.Tests.Commands;

/// <summary>`impact train` on folders: what it says, what it stores, and what `impact run` then scores with.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Train_TooLittleData_RecordsWhyAndSucceeds()
    {
        var input = Path.Combine(_folder.Root, "in");
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--workshops", "40", "--quarters", "5", "--seed", "3", "--out", input)).ExitCode);

        var train = await CliRun.RunAsync("train", "--in", input, "--as-of", "2022-Q4");

        Assert.Equal(0, train.ExitCode);
        Assert.Equal("", train.Error);
        var models = Path.Combine(input, "output", "models", "risk");
        var notTrained = JsonDocument.Parse(File.ReadAllText(Path.Combine(models, "20241105T090000Z", "not-trained.json"))).RootElement;
        var reason = notTrained.GetProperty("reason").GetString()!;
        Assert.StartsWith("pas entraîné : ", reason, StringComparison.Ordinal);
        Assert.EndsWith("il en faut au moins 10 de chaque sorte (un an de suivi complet après les premiers retours)", reason, StringComparison.Ordinal);
        Assert.Contains($"Modèle non entraîné (20241105T090000Z) : {reason}. Rien ne change : la grille de points sert, sans calibration.", train.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(models, "current.json")));

        var run = await CliRun.RunAsync("run", "--in", input, "--out", Path.Combine(input, "output"), "--as-of", "2022-Q4");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(source : grille de points, aucun entraînement en service)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_SaysInFrenchWhichSourceServesAndWhy_AndTheRunScoresWithIt()
    {
        var input = Path.Combine(_folder.Root, "in");
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--workshops", "100", "--quarters", "12", "--seed", "42", "--out", input)).ExitCode);

        var train = await CliRun.RunAsync("train", "--in", input, "--as-of", "2024-Q3");

        Assert.Equal(0, train.ExitCode);
        var version = Path.Combine(input, "output", "models", "risk", "20241105T090000Z");
        var metrics = RiskMetrics.FromJson(File.ReadAllText(Path.Combine(version, "metrics.json")));
        Assert.Contains(metrics.FrenchDecision(), train.Output, StringComparison.Ordinal);
        // On this cohort (the demo's) the learned model does not beat the scorecard: the scorecard serves, and says why.
        Assert.Equal(RiskSources.Scorecard, metrics.ChosenSource);
        Assert.StartsWith("La grille de points sert : le modèle appris ne classe pas mieux que la meilleure règle simple. Hors pli, sur 598 lignes dont 96 suivies de difficultés dans l'année : modèle appris : AUPRC ", metrics.FrenchDecision(), StringComparison.Ordinal);
        Assert.Contains("Version 20241105T090000Z mise en service : rien n'était en service : la grille de points sert désormais.", train.Output, StringComparison.Ordinal);
        Assert.Contains($"- grille de points (en service) : AUPRC {metrics.Scorecard.Auprc.ToString("0.000", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))}, précision des 10 premiers ", train.Output, StringComparison.Ordinal);
        Assert.Contains("- règle de trésorerie : AUPRC ", train.Output, StringComparison.Ordinal);

        var run = await CliRun.RunAsync("run", "--in", input, "--out", Path.Combine(input, "output"), "--as-of", "2024-Q3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"(source : {RiskSources.French(metrics.ChosenSource)}, version 20241105T090000Z)", run.Output, StringComparison.Ordinal);
        var scores = File.ReadAllLines(Path.Combine(input, "output", "risk", "scores.csv")).Skip(1).ToList();
        Assert.NotEmpty(scores);
        Assert.All(scores, line => Assert.Contains($",{metrics.ChosenSource},", line, StringComparison.Ordinal));
    }
}
