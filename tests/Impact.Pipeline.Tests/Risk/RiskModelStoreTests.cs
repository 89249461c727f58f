using System.Text;
using Impact.Analytics;
using Impact.Analytics.Risk;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Tests.Risk;

public sealed class RiskModelStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-models-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A version in service trained on another feature vector cannot score: the store serves nothing, the run goes on.</summary>
    [Fact]
    public async Task CurrentAsync_AVersionOfOtherFeatures_IsNotServed()
    {
        var storage = new FolderStorage(FolderLayout.At(_root));
        var figures = new SourceMetrics
        {
            Name = RiskSources.Scorecard, Auprc = 0.5, RocAuc = 0.7, PrecisionAt10 = 0.5, PrecisionAtCapacity = 0.4, Capacity = 20, Brier = 0.1,
            Calibration = [], Alerts = [],
        };
        var metrics = new RiskMetrics
        {
            FirstQuarter = new Quarter(2021, 4), LastLabelledQuarter = new Quarter(2023, 3), LastObservedQuarter = new Quarter(2024, 3),
            HorizonQuarters = 4, Features = ["OwnRevenue", "CashRunwayMonths"], Workshops = 10, Rows = 100, Positives = 20, BaseRate = 0.2,
            Folds = 5, Seed = 1, Trainer = "light_gbm", ChosenSource = RiskSources.Model, Decision = "", Model = figures, Scorecard = figures,
            Candidates = [], BrierTolerance = 0,
        };
        var store = new RiskModelStore(storage);
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/v0/model.zip", new byte[] { 1, 2, 3 }, "application/zip");
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/v0/metrics.json", Encoding.UTF8.GetBytes(metrics.ToJson()), "application/json");
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/current.json", Encoding.UTF8.GetBytes("{\"version\": \"v0\"}\n"), "application/json");

        Assert.Null(await store.CurrentAsync());

        // The same version with this code's features and a baseline serving: served, with its calibration, without the model.
        var current = metrics with { Features = RiskFeatureCatalog.SlotNames, ChosenSource = RiskSources.Runway, RunwayCalibration = new RiskCalibration(-3, 4) };
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/v1/model.zip", new byte[] { 1, 2, 3 }, "application/zip");
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/v1/metrics.json", Encoding.UTF8.GetBytes(current.ToJson()), "application/json");
        await storage.WriteBlobAsync(StorageNames.Containers.Models, "risk/current.json", Encoding.UTF8.GetBytes("{\"version\": \"v1\"}\n"), "application/json");

        var served = await store.CurrentAsync();
        Assert.NotNull(served);
        Assert.Equal(new RiskServing(RiskSources.Runway, null, new RiskCalibration(-3, 4), "v1"), served.Serving);
    }
}
