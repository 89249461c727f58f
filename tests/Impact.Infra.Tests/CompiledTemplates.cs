using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>main.bicep (and the standalone Event Grid module) compiled once per test run (bicep build --stdout, so nothing is written into the repository).</summary>
internal static class CompiledTemplates
{
    private static readonly Lazy<Task<JsonNode>> LazyMain = new(() => BuildAsync(InfraPaths.MainBicep));
    private static readonly Lazy<Task<JsonNode>> LazyBlobEvents = new(() => BuildAsync(InfraPaths.BlobEventsBicep));

    /// <summary>A fresh copy each call: tests may change it.</summary>
    public static async Task<JsonNode> MainAsync() => (await LazyMain.Value).DeepClone();

    /// <summary>modules/blob-events.bicep on its own, as the postdeploy hook deploys it.</summary>
    public static async Task<JsonNode> BlobEventsAsync() => (await LazyBlobEvents.Value).DeepClone();

    private static async Task<JsonNode> BuildAsync(string bicepFile)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, "build", bicepFile, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed: {result}");
        }

        return JsonNode.Parse(result.StandardOutput)
            ?? throw new InvalidOperationException($"bicep build {bicepFile} printed no template.");
    }
}
