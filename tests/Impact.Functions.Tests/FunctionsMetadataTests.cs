using System.Reflection;
using System.Text.Json;

namespace Impact.Functions.Tests;

/// <summary>
/// The functions.metadata the Worker SDK generates at build time is what the Functions host reads to
/// bind triggers: it is asserted here, since the host itself cannot run on this machine.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    private static JsonElement[] Load()
    {
        var folder = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutput").Value!;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "functions.metadata")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static JsonElement Function(string name) => Functions.Single(f => f.GetProperty("name").GetString() == name);

    [Fact]
    public void Metadata_ListsExactlyTheFunctionsOfThisStep() =>
        Assert.Equal(
            ["CreateUploadUrl", "DispatchAlert", "FollowUpRound", "GetAccessibilityView", "GetCoachAlerts", "GetHomeView", "GetNationalIndicators", "GetNationalView", "GetPersonalDataView", "GetPortfolioView",
                "GetRedAlertsView", "GetReturn", "GetSignOutView", "GetTemplate", "GetViewAsset", "GetWorkshopChart", "GetWorkshopIndicators", "GetWorkshopRisk", "GetWorkshopView",
                "IngestReturn", "PostFollowUp", "PostFollowUpForm", "PostWorkshopUpload", "PutReturn", "QuarterlyRun", "TrainRiskModel"],
            Functions.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));

    [Fact]
    public void IngestReturn_IsAnEventGridBlobTriggerOnReturns()
    {
        var function = Function("IngestReturn");
        Assert.Equal("Impact.Functions.Triggers.IngestReturn.RunAsync", function.GetProperty("entryPoint").GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("blobTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
        Assert.Equal("returns/{workshopId}/{file}", binding.GetProperty("path").GetString());
        Assert.Equal("EventGrid", binding.GetProperty("source").GetString());
        Assert.Equal("ImpactStorage", binding.GetProperty("connection").GetString());
    }

    [Fact]
    public void QuarterlyRun_IsATimerOnTheScheduleSetting()
    {
        var function = Function("QuarterlyRun");
        Assert.Equal("Impact.Functions.Triggers.QuarterlyRun.RunAsync", function.GetProperty("entryPoint").GetString());
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%QUARTERLY_RUN_SCHEDULE%", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void DispatchAlert_IsAQueueTriggerOnRiskAlerts()
    {
        var function = Function("DispatchAlert");
        Assert.Equal("Impact.Functions.Triggers.DispatchAlert.RunAsync", function.GetProperty("entryPoint").GetString());
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal(("queueTrigger", "risk-alerts", "ImpactStorage"),
            (binding.GetProperty("type").GetString(), binding.GetProperty("queueName").GetString(), binding.GetProperty("connection").GetString()));
    }

    /// <summary>A constant schedule: a host whose settings lack one still starts (an unresolved %SETTING% stops it).</summary>
    [Fact]
    public void FollowUpRound_IsADailyTimerAtSevenUtc()
    {
        var function = Function("FollowUpRound");
        Assert.Equal("Impact.Functions.Triggers.FollowUpRound.RunAsync", function.GetProperty("entryPoint").GetString());
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal(("timerTrigger", "0 0 7 * * *"), (binding.GetProperty("type").GetString(), binding.GetProperty("schedule").GetString()));
    }

    [Fact]
    public void TrainRiskModel_IsATimerOnItsScheduleSetting()
    {
        var binding = Assert.Single(Function("TrainRiskModel").GetProperty("bindings").EnumerateArray());
        Assert.Equal(("timerTrigger", "%RISK_TRAINING_SCHEDULE%"), (binding.GetProperty("type").GetString(), binding.GetProperty("schedule").GetString()));
    }

    [Theory]
    [InlineData("PutReturn", "Impact.Functions.Http.ApiFunctions.PutReturnAsync", "put", "api/workshops/{id}/returns/{quarter}")]
    [InlineData("GetReturn", "Impact.Functions.Http.ApiFunctions.GetReturnAsync", "get", "api/workshops/{id}/returns/{quarter}")]
    [InlineData("CreateUploadUrl", "Impact.Functions.Http.ApiFunctions.CreateUploadUrlAsync", "post", "api/workshops/{id}/upload-url")]
    [InlineData("GetTemplate", "Impact.Functions.Http.ApiFunctions.Template", "get", "api/template")]
    [InlineData("GetWorkshopIndicators", "Impact.Functions.Http.ApiFunctions.IndicatorsAsync", "get", "api/workshops/{id}/indicators")]
    [InlineData("GetWorkshopRisk", "Impact.Functions.Http.ApiFunctions.RiskAsync", "get", "api/workshops/{id}/risk")]
    [InlineData("GetNationalIndicators", "Impact.Functions.Http.ApiFunctions.NationalAsync", "get", "api/indicators")]
    [InlineData("GetCoachAlerts", "Impact.Functions.Http.ApiFunctions.CoachAlertsAsync", "get", "api/coaches/{coachId}/alerts")]
    [InlineData("PostFollowUp", "Impact.Functions.Http.ApiFunctions.AddFollowUpAsync", "post", "api/alerts/{id}/follow-ups")]
    [InlineData("GetHomeView", "Impact.Functions.Http.ViewFunctions.Home", "get", "app")]
    [InlineData("GetSignOutView", "Impact.Functions.Http.ViewFunctions.SignOut", "get", "app/deconnexion")]
    [InlineData("GetAccessibilityView", "Impact.Functions.Http.ViewFunctions.AccessibilityAsync", "get", "app/accessibilite.html")]
    [InlineData("GetPersonalDataView", "Impact.Functions.Http.ViewFunctions.PersonalDataAsync", "get", "app/donnees-personnelles.html")]
    [InlineData("GetViewAsset", "Impact.Functions.Http.ViewFunctions.Asset", "get", "app/dsfr/{*path}")]
    [InlineData("GetPortfolioView", "Impact.Functions.Http.ViewFunctions.PortfolioAsync", "get", "app/coaches/{coachId}")]
    [InlineData("GetWorkshopView", "Impact.Functions.Http.ViewFunctions.WorkshopAsync", "get", "app/workshops/{id}")]
    [InlineData("GetWorkshopChart", "Impact.Functions.Http.ViewFunctions.WorkshopChartAsync", "get", "app/workshops/{id}/graphiques/{file}")]
    [InlineData("PostWorkshopUpload", "Impact.Functions.Http.ViewFunctions.UploadAsync", "post", "app/workshops/{id}/depot")]
    [InlineData("GetNationalView", "Impact.Functions.Http.ViewFunctions.NationalAsync", "get", "app/{*path}")]
    public void HttpFunction_IsAnAnonymousHttpTriggerOnItsRoute(string name, string entryPoint, string method, string route)
    {
        var function = Function(name);
        Assert.Equal(entryPoint, function.GetProperty("entryPoint").GetString());
        var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "In");
        Assert.Equal(("httpTrigger", "Anonymous", route), (trigger.GetProperty("type").GetString(), trigger.GetProperty("authLevel").GetString(), trigger.GetProperty("route").GetString()));
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        var output = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "Out");
        Assert.Equal(("http", "$return"), (output.GetProperty("type").GetString(), output.GetProperty("name").GetString()));
    }

    [Fact]
    public void HostJson_RetriesAQueueMessageFiveTimesBeforeThePoisonQueue()
    {
        var folder = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutput").Value!;
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "host.json")));
        Assert.Equal(5, host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
    }

    [Fact]
    public void HostJson_IsTheRootOneAndCopiedBesideTheMetadata()
    {
        var folder = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutput").Value!;
        Assert.Equal(File.ReadAllText(Path.Combine(Impact.Testing.RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(folder, "host.json")));
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        // No route prefix: the API is at /api/… and the signed-in views at /app/… (ImpactRoutes spells both).
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
