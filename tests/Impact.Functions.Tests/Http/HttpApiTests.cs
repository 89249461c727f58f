using Impact.Pipeline.Reads;
using Impact.Pipeline.Records;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Impact.Analytics.Returns;
using Impact.Web.Access;
using Impact.Functions.Configuration;
using Impact.Web;
using Impact.Web.Http;
using Impact.Functions.Http;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Functions.Tests.Http;

/// <summary>
/// The HTTP functions invoked directly with real requests (DefaultHttpContext) and real storage on Azurite, with
/// forged, missing and valid principals. Registry: MP-001 is followed by coach C-01, MP-002 by coach C-02.
/// </summary>
[Collection("Azurite")]
public sealed class HttpApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Accounts = "account,role,scope\natelier.mp002@example.org,workshop,MP-002\ncoach.c02@example.org,coach,C-02\ncoach.c01@example.org,coach,C-01\ndgefp@example.org,ministry,\n";
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 11, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<ApiAccess> _log = new();
    private ServiceProvider _services = null!;
    private IImpactStorage _storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ImpactStorage"] = azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddImpactPipeline(configuration).AddImpactHttpApi(configuration).BuildServiceProvider();
        _storage = _services.GetRequiredService<IImpactStorage>();
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, AccountDirectory.BlobName, Encoding.UTF8.GetBytes(Accounts), "text/csv");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ApiAccess Access(bool trust = true) => new(_storage, new HttpApiOptions { TrustPlatformAuthentication = trust }, _log);

    private ApiFunctions Functions(TimeProvider? time = null, bool trust = true)
    {
        var options = new HttpApiOptions { TrustPlatformAuthentication = trust };
        return new(new ApiHandlers(new RunResults(_storage, _time), new ReturnUpload(_storage, time ?? _time), _services.GetRequiredService<IUploadUrlSigner>(), options, time ?? _time, new AlertFollowUps(_storage, time ?? _time)));
    }

    private GatedReturns Returns(bool trust = true) => new(new AccessGate(Access(trust), new HttpApiOptions()), Functions(trust: trust));

    private GatedResults Results() => new(new AccessGate(Access(), new HttpApiOptions()), Functions());

    /// <summary>
    /// Runs a function as the host does: its endpoint found by function name in <see cref="ImpactEndpoints"/>, the
    /// gate, then the function only when the gate lets the request through.
    /// </summary>
    private static async Task<IActionResult> Gate(AccessGate gate, string function, HttpRequest request, string? id, Func<Task<IActionResult>> run)
    {
        var endpoint = ImpactEndpoints.Find(function) ?? throw new InvalidOperationException($"{function} has no endpoint.");
        return await gate.EnterAsync(request.HttpContext, endpoint, id, CancellationToken.None) ?? await run();
    }

    private sealed class GatedReturns(AccessGate gate, ApiFunctions function)
    {
        public Task<IActionResult> PutAsync(HttpRequest request, string id, string quarter, CancellationToken cancellationToken) =>
            Gate(gate, "PutReturn", request, id, () => function.PutReturnAsync(request, id, quarter, cancellationToken));

        public Task<IActionResult> GetAsync(HttpRequest request, string id, string quarter, CancellationToken cancellationToken) =>
            Gate(gate, "GetReturn", request, id, () => function.GetReturnAsync(request, id, quarter, cancellationToken));
    }

    private sealed class GatedResults(AccessGate gate, ApiFunctions function)
    {
        public Task<IActionResult> IndicatorsAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
            Gate(gate, "GetWorkshopIndicators", request, id, () => function.IndicatorsAsync(request, id, cancellationToken));

        public Task<IActionResult> RiskAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
            Gate(gate, "GetWorkshopRisk", request, id, () => function.RiskAsync(request, id, cancellationToken));

        public Task<IActionResult> NationalAsync(HttpRequest request, CancellationToken cancellationToken) =>
            Gate(gate, "GetNationalIndicators", request, null, () => function.NationalAsync(request, cancellationToken));
    }

    private sealed class GatedUploadUrl(AccessGate gate, ApiFunctions function)
    {
        public Task<IActionResult> RunAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
            Gate(gate, "CreateUploadUrl", request, id, () => function.CreateUploadUrlAsync(request, id, cancellationToken));
    }

    private static HttpRequest Request(string? account, byte[]? body = null, string? contentType = null, string? query = null, string? rawPrincipal = null)
    {
        var context = new DefaultHttpContext();
        if (rawPrincipal is not null || account is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = rawPrincipal ?? new ClientPrincipal("aad", [new("preferred_username", account!)]).Encode();
        }

        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }

        context.Request.ContentType = contentType;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        return context.Request;
    }

    private static ProblemDetails Problem(IActionResult result, int status)
    {
        var objectResult = Assert.IsType<ObjectResult>(result);
        Assert.Equal(status, objectResult.StatusCode);
        Assert.Equal(["application/problem+json"], objectResult.ContentTypes);
        var problem = Assert.IsType<ProblemDetails>(objectResult.Value);
        Assert.Equal(status, problem.Status);
        return problem;
    }

    private async Task<IReadOnlyList<string>> ReturnBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _storage.ListBlobsAsync(StorageNames.Containers.Returns))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static byte[] SampleReturn => File.ReadAllBytes(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv"));

    [Fact]
    public async Task Put_ForgedPrincipalWithoutPlatformAuthenticationIs401()
    {
        var result = await Returns(trust: false).PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);

        Assert.Equal("L'authentification de la plateforme n'est pas activée : l'API ne fait confiance à aucune identité et refuse toute demande.", Problem(result, 401).Detail);
        Assert.Empty(await ReturnBlobsAsync());
        Assert.Equal((LogLevel.Warning, "Denied UploadReturn on MP-002 to (none) ((none)): platform authentication is off; answered 401"), Assert.Single(_log.Entries));
    }

    [Fact]
    public async Task Put_MissingPrincipalIs401()
    {
        var result = await Returns().PutAsync(Request(null, SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);

        Assert.Equal("Authentification requise", Problem(result, 401).Title);
        Assert.Empty(await ReturnBlobsAsync());
    }

    [Fact]
    public async Task Put_MalformedPrincipalIs401()
    {
        var result = await Returns().PutAsync(Request(null, SampleReturn, "text/csv", rawPrincipal: "%%%not-base64"), "MP-002", "2024-Q3", CancellationToken.None);

        Assert.Equal("L'identité transmise est illisible : reconnectez-vous.", Problem(result, 401).Detail);
        Assert.Equal("Denied UploadReturn on MP-002 to (malformed) ((none)): malformed client principal; answered 401", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Put_UnknownAccountIs403()
    {
        var result = await Returns().PutAsync(Request("stranger@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);

        Problem(result, 403);
        Assert.Equal("Denied UploadReturn on MP-002 to stranger@example.org ((none)): account not in registry/accounts.csv; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Put_AnotherWorkshopsReturnIs403AndNothingStored()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-001", "2024-Q3", CancellationToken.None);

        Assert.Equal("Votre compte ne permet pas cette action sur la manufacture MP-001.", Problem(result, 403).Detail);
        Assert.Empty(await ReturnBlobsAsync());
        Assert.Equal("Denied UploadReturn on MP-001 to atelier.mp002@example.org (Workshop): another workshop's data; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Put_OwnReturnIsStoredAnd202WithTheStatusUrl()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv; charset=utf-8"), "MP-002", "2024-Q3", CancellationToken.None);

        var accepted = Assert.IsType<AcceptedResult>(result);
        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("/api/workshops/MP-002/returns/2024-Q3", accepted.Location);
        var stored = await _storage.ReadBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv");
        Assert.Equal(SampleReturn, stored!.Content.ToArray());
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Put_FormatFromTheQueryWins()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", "{}"u8.ToArray(), "application/octet-stream", "?format=json"), "MP-002", "2024-Q3", CancellationToken.None);

        Assert.IsType<AcceptedResult>(result);
        Assert.Equal(["MP-002/2024-Q3.json"], await ReturnBlobsAsync());
    }

    [Fact]
    public async Task Put_OversizedIs413InFrenchAndNothingStored()
    {
        var body = new byte[ReturnReaderMaxBytes + 1];
        var request = Request("atelier.mp002@example.org", body, "text/csv");
        request.ContentLength = null; // chunked: the limit holds while reading, not only on the declared length

        var result = await Returns().PutAsync(request, "MP-002", "2024-Q3", CancellationToken.None);

        var problem = Problem(result, 413);
        Assert.Equal(("Fichier trop volumineux", "Le fichier dépasse la taille maximale de 1024 Kio : un retour trimestriel tient en quelques kilo-octets ; vérifiez que vous envoyez le bon fichier."), (problem.Title, problem.Detail));
        Assert.Empty(await ReturnBlobsAsync());
    }

    private const int ReturnReaderMaxBytes = Impact.Analytics.Returns.Reading.ReturnReader.MaxBytes;

    [Fact]
    public async Task Put_UnknownFormatIs400AndNothingStored()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "application/pdf"), "MP-002", "2024-Q3", CancellationToken.None);

        Assert.StartsWith("Format de fichier non reconnu", Problem(result, 400).Detail, StringComparison.Ordinal);
        Assert.Empty(await ReturnBlobsAsync());
    }

    [Fact]
    public async Task Put_MalformedQuarterIs400AndNothingStored()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q9", CancellationToken.None);

        Assert.Equal("Identifiant de manufacture ou trimestre invalide : attendu par exemple /api/workshops/MP-001/returns/2024-Q3.", Problem(result, 400).Detail);
        Assert.Empty(await ReturnBlobsAsync());
    }

    [Fact]
    public async Task Put_EmptyBodyIs400()
    {
        var result = await Returns().PutAsync(Request("atelier.mp002@example.org", [], "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);

        Problem(result, 400);
        Assert.Empty(await ReturnBlobsAsync());
    }

    [Fact]
    public async Task Get_ReportOfOwnReturnAfterIngestion()
    {
        await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);
        var pending = Assert.IsType<OkObjectResult>(await Returns().GetAsync(Request("atelier.mp002@example.org"), "MP-002", "2024-Q3", CancellationToken.None));
        Assert.Equal(new ReturnStatus("pending", "MP-002", "2024-Q3", null), pending.Value);
        await _services.GetRequiredService<Impact.Pipeline.Ingestion.ReturnIngestion>().IngestAsync("MP-002/2024-Q3.csv");

        var result = await Returns().GetAsync(Request("coach.c02@example.org"), "MP-002", "2024-Q3", CancellationToken.None);

        var status = Assert.IsType<ReturnStatus>(Assert.IsType<OkObjectResult>(result).Value);
        Assert.Equal(("validated", "MP-002", "2024-Q3"), (status.Status, status.WorkshopId, status.Quarter));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, status.Report!.Value.ValueKind);
        Assert.Equal(("api", "atelier.mp002@example.org"), (status.UploadedVia, status.UploadedBy));
    }

    [Fact]
    public async Task Get_AfterTheReportExpiredSaysWhatBecameOfTheUploadInsteadOfPending()
    {
        await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);
        await _services.GetRequiredService<Impact.Pipeline.Ingestion.ReturnIngestion>().IngestAsync("MP-002/2024-Q3.csv");
        // What the lifecycle rule does after reportRetentionDays.
        Assert.True(await _storage.DeleteBlobAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.json"));

        var result = await Returns().GetAsync(Request("atelier.mp002@example.org"), "MP-002", "2024-Q3", CancellationToken.None);

        var status = Assert.IsType<ReturnStatus>(Assert.IsType<OkObjectResult>(result).Value);
        Assert.Equal(("accepted-report-expired", null, "api", "atelier.mp002@example.org"), (status.Status, status.Report, status.UploadedVia, status.UploadedBy));
    }

    [Fact]
    public async Task Put_TheUploaderIsRecordedInSubmissionsAndADirectUploadSaysSo()
    {
        await Returns().PutAsync(Request("atelier.mp002@example.org", SampleReturn, "text/csv"), "MP-002", "2024-Q3", CancellationToken.None);
        var ingestion = _services.GetRequiredService<Impact.Pipeline.Ingestion.ReturnIngestion>();
        await ingestion.IngestAsync("MP-002/2024-Q3.csv");
        // The same workshop's next quarter written straight to storage (a storage key, the portal): nobody signed in.
        await _storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q4.csv", SampleReturn, "text/csv");
        await ingestion.IngestAsync("MP-002/2024-Q4.csv");

        var rows = await SubmissionsAsync("MP-002");
        Assert.Equal(
            [("2024-Q3", UploadChannel.Api, "atelier.mp002@example.org"), ("2024-Q4", UploadChannel.Direct, null)],
            rows.Select(r => (r.Quarter!.Value.ToString(), r.UploadedVia, r.UploadedBy)));
    }

    [Fact]
    public async Task AMalformedAccountsEditKeepsThePreviousAccountsSignedIn()
    {
        Assert.IsType<OkObjectResult>(await Results().NationalAsync(Request("dgefp@example.org", query: "?quarter=2024-Q3"), CancellationToken.None));
        await Task.Delay(5);
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, AccountDirectory.BlobName,
            Encoding.UTF8.GetBytes(Accounts.Replace("dgefp@example.org,ministry,", "dgefp@example.org,administrateur,", StringComparison.Ordinal)), "text/csv");

        // A fresh reader (a new instance of the app): the ministry stays signed in under the previous valid version.
        Assert.IsType<OkObjectResult>(await Results().NationalAsync(Request("dgefp@example.org", query: "?quarter=2024-Q3"), CancellationToken.None));
        var kept = new List<string>();
        await foreach (var blob in _storage.ListBlobsAsync(StorageNames.Containers.Reports, Impact.Pipeline.Registry.ReferenceFiles.VersionsPrefix(AccountDirectory.BlobName)))
        {
            kept.Add(blob.Name);
        }

        Assert.Equal(3, kept.Count);
        var report = Encoding.UTF8.GetString((await _storage.ReadBlobAsync(StorageNames.Containers.Reports, kept[2]))!.Content.Span);
        Assert.StartsWith($"Fichier registry/{AccountDirectory.BlobName} refusé (reçu le ", report, StringComparison.Ordinal);
        Assert.Contains("Comptes d'accès : ", report, StringComparison.Ordinal);
        Assert.EndsWith($"La version précédente valable reste en service : reports/{kept[0]}.\nCorrigez le fichier puis déposez-le à nouveau.\n", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NothingUploadedIs404()
    {
        var result = await Returns().GetAsync(Request("atelier.mp002@example.org"), "MP-002", "2023-Q1", CancellationToken.None);

        Assert.Equal("Aucun retour reçu de la manufacture MP-002 pour le trimestre 2023-Q1.", Problem(result, 404).Detail);
    }

    [Fact]
    public async Task Get_AnotherWorkshopsReportIs403()
    {
        var result = await Returns().GetAsync(Request("atelier.mp002@example.org"), "MP-001", "2024-Q3", CancellationToken.None);

        Problem(result, 403);
    }

    private Task WriteRiskAsync() => _storage.UpsertRowAsync(StorageNames.Tables.RiskScores, new TableRow("2024-Q3", "MP-002", new Dictionary<string, object?>
    {
        ["Score"] = 0.72,
        ["Level"] = "red",
        ["Source"] = "scorecard",
        ["Reasons"] = "trésorerie faible | retour en retard",
    }));

    [Fact]
    public async Task Risk_WorkshopSeesItsLevelOnly()
    {
        await WriteRiskAsync();

        var result = await Results().RiskAsync(Request("atelier.mp002@example.org"), "MP-002", CancellationToken.None);

        Assert.Equal(new RiskView("MP-002", "2024-Q3", "red", null, null, null), Assert.IsType<OkObjectResult>(result).Value);
    }

    [Fact]
    public async Task Risk_CoachOfTheWorkshopSeesScoreAndReasons()
    {
        await WriteRiskAsync();

        var result = await Results().RiskAsync(Request("coach.c02@example.org"), "MP-002", CancellationToken.None);

        var view = Assert.IsType<RiskView>(Assert.IsType<OkObjectResult>(result).Value);
        Assert.Equal(("red", 0.72, "scorecard"), (view.Level, view.Score, view.Source));
        Assert.Equal(["trésorerie faible", "retour en retard"], view.Reasons!);
    }

    [Fact]
    public async Task Risk_AnotherCoachIs403AndLogged()
    {
        await WriteRiskAsync();

        var result = await Results().RiskAsync(Request("coach.c01@example.org"), "MP-002", CancellationToken.None);

        Problem(result, 403);
        Assert.Equal("Denied ReadRisk on MP-002 to coach.c01@example.org (Coach): not the coach of this workshop; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Risk_NoneYetIs404()
    {
        var result = await Results().RiskAsync(Request("dgefp@example.org"), "MP-002", CancellationToken.None);

        Problem(result, 404);
    }

    [Fact]
    public async Task National_MinistryIs200()
    {
        var result = await Results().NationalAsync(Request("dgefp@example.org", query: "?quarter=2024-Q3"), CancellationToken.None);

        Assert.Equal(200, Assert.IsType<OkObjectResult>(result).StatusCode);
    }

    [Fact]
    public async Task National_WorkshopIs403()
    {
        var result = await Results().NationalAsync(Request("atelier.mp002@example.org", query: "?quarter=2024-Q3"), CancellationToken.None);

        Assert.Equal("Seul le ministère consulte les données nationales.", Problem(result, 403).Detail);
        Assert.Equal("Denied ReadNationalIndicators on (national) to atelier.mp002@example.org (Workshop): only the ministry reads the national view; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task National_MissingQuarterIs400()
    {
        var result = await Results().NationalAsync(Request("dgefp@example.org"), CancellationToken.None);

        Problem(result, 400);
    }

    [Fact]
    public async Task Indicators_AnotherWorkshopIs403_OwnIs200()
    {
        Problem(await Results().IndicatorsAsync(Request("atelier.mp002@example.org"), "MP-001", CancellationToken.None), 403);

        Assert.IsType<OkObjectResult>(await Results().IndicatorsAsync(Request("atelier.mp002@example.org"), "MP-002", CancellationToken.None));
    }

    /// <summary>The quarterly run on the sample returns, as the QuarterlyRun timer would: indicators.csv and RiskScores.</summary>
    private async Task<IReadOnlyList<Impact.Analytics.Indicators.IndicatorSet>> RunTheQuarterAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Samples, "returns"), "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(Path.Combine(Samples, "returns"), file).Replace('\\', '/');
            await _storage.WriteBlobAsync(StorageNames.Containers.Returns, name, await File.ReadAllBytesAsync(file), "text/csv");
        }

        await new Impact.Pipeline.Run.QuarterRun(_storage, _time, new Impact.Pipeline.Run.RunOptions(), Impact.Analytics.Settings.ReportingOptions.Default).RunAsync(Impact.Analytics.Quarter.Parse("2024-Q3"));
        var csv = await _storage.ReadBlobAsync(StorageNames.Containers.Results, RunResults.IndicatorsBlob);
        return Impact.Analytics.Indicators.IndicatorCsv.Read(Encoding.UTF8.GetString(csv!.Content.Span));
    }

    [Fact]
    public async Task Indicators_OfTheLatestRun_OwnRowsForTheWorkshop_AllRowsOfTheQuarterForTheMinistry()
    {
        var all = await RunTheQuarterAsync();

        var own = Assert.IsType<OkObjectResult>(await Results().IndicatorsAsync(Request("atelier.mp002@example.org"), "MP-002", CancellationToken.None)).Value!;
        var national = Assert.IsType<OkObjectResult>(await Results().NationalAsync(Request("dgefp@example.org", query: "?quarter=2024-Q3"), CancellationToken.None)).Value!;

        var ownRows = (IReadOnlyList<IReadOnlyDictionary<string, string?>>)own.GetType().GetProperty("indicators")!.GetValue(own)!;
        var nationalRows = (IReadOnlyList<IReadOnlyDictionary<string, string?>>)national.GetType().GetProperty("indicators")!.GetValue(national)!;
        Assert.Equal(all.Where(s => s.WorkshopId == "MP-002").Select(s => s.Quarter.ToString()), ownRows.Select(r => r["quarter"]));
        Assert.All(ownRows, r => Assert.Equal("MP-002", r["workshop_id"]));
        Assert.NotEmpty(nationalRows);
        Assert.Equal(all.Where(s => s.Quarter.ToString() == "2024-Q3").Select(s => s.WorkshopId).Order(StringComparer.Ordinal), nationalRows.Select(r => r["workshop_id"]));
    }

    [Fact]
    public async Task Risk_OfTheLatestRun_IsTheRunsRiskScoresRow()
    {
        await RunTheQuarterAsync();
        var row = await _storage.GetRowAsync(StorageNames.Tables.RiskScores, "2024-Q3", "MP-002");

        var view = Assert.IsType<RiskView>(Assert.IsType<OkObjectResult>(await Results().RiskAsync(Request("dgefp@example.org"), "MP-002", CancellationToken.None)).Value);

        Assert.Equal(("2024-Q3", row!.GetString("Level"), row.GetString("Source")), (view.Quarter, view.Level, view.Source));
    }

    [Theory]
    [InlineData("?format=xlsx", ReturnFormat.Xlsx)]
    [InlineData("", ReturnFormat.Csv)]
    public void Template_IsTheCliTemplate(string query, ReturnFormat format)
    {
        var file = Assert.IsType<FileContentResult>(ApiFunctions.Template(Request(null, query: query.Length == 0 ? null : query)));

        Assert.Equal(ReturnTemplate.Write(format), file.FileContents);
        Assert.Equal(format.ContentType(), file.ContentType);
    }

    [Fact]
    public void Template_UnknownFormatIs400() => Problem(ApiFunctions.Template(Request(null, query: "?format=pdf")), 400);

    private GatedUploadUrl UploadUrlFunction() =>
        new(new AccessGate(Access(), new HttpApiOptions()), Functions());

    [Fact]
    public async Task UploadUrl_AnotherWorkshopIs403()
    {
        var result = await UploadUrlFunction().RunAsync(Request("atelier.mp002@example.org", query: "?quarter=2024-Q3&format=csv"), "MP-001", CancellationToken.None);

        Problem(result, 403);
    }

    /// <summary>
    /// Against Azurite the signer is <see cref="SharedKeyUploadUrlSigner"/> (a service SAS with Azurite's public dev
    /// key): it shares <see cref="UploadSas.Builder"/> (resource, permissions, expiry) with the user-delegation signer
    /// used in Azure, whose GetUserDelegationKeyAsync call is not exercised here (Azurite issues delegation keys only
    /// in OAuth mode over HTTPS).
    /// </summary>
    [Fact]
    public async Task UploadUrl_WritesExactlyItsBlobAndNothingElse()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var function = new GatedUploadUrl(new AccessGate(Access(), new HttpApiOptions()), Functions(time));
        await azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Returns).CreateIfNotExistsAsync();

        var result = await function.RunAsync(Request("atelier.mp002@example.org", query: "?quarter=2024-Q3&format=csv"), "MP-002", CancellationToken.None);

        var url = Assert.IsType<UploadUrl>(Assert.IsType<OkObjectResult>(result).Value);
        Assert.Equal(time.GetUtcNow().AddMinutes(15), url.ExpiresOn);
        Assert.Contains("/returns/MP-002/2024-Q3.csv?", url.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("sp=cw", url.Url.Query, StringComparison.Ordinal);
        await new BlockBlobClient(url.Url).UploadAsync(new MemoryStream(SampleReturn));
        Assert.Equal(["MP-002/2024-Q3.csv"], await ReturnBlobsAsync());

        var other = new UriBuilder(url.Url) { Path = url.Url.AbsolutePath.Replace("MP-002/2024-Q3.csv", "MP-001/2024-Q3.csv", StringComparison.Ordinal) }.Uri;
        var denied = await Assert.ThrowsAsync<RequestFailedException>(() => new BlockBlobClient(other).UploadAsync(new MemoryStream(SampleReturn)));
        Assert.Equal(403, denied.Status);
        var read = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(url.Url).DownloadContentAsync());
        Assert.Equal(403, read.Status);
        Assert.Equal(["MP-002/2024-Q3.csv"], await ReturnBlobsAsync());

        // Ingestion names the account the URL was issued to, since the file was written while the URL was valid.
        await _services.GetRequiredService<Impact.Pipeline.Ingestion.ReturnIngestion>().IngestAsync("MP-002/2024-Q3.csv");
        var submission = await SingleSubmissionAsync("MP-002");
        Assert.Equal((UploadChannel.SignedUrl, "atelier.mp002@example.org"), (submission.UploadedVia, submission.UploadedBy));
    }

    [Fact]
    public async Task UploadUrl_AFileWrittenAfterTheUrlExpiredIsADirectUpload()
    {
        // The URL was issued two hours ago (valid 15 minutes); the file arrives now, by another way.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var function = new GatedUploadUrl(new AccessGate(Access(), new HttpApiOptions()), Functions(time));
        Assert.IsType<OkObjectResult>(await function.RunAsync(Request("atelier.mp002@example.org", query: "?quarter=2024-Q3&format=csv"), "MP-002", CancellationToken.None));
        await _storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", SampleReturn, "text/csv");

        await _services.GetRequiredService<Impact.Pipeline.Ingestion.ReturnIngestion>().IngestAsync("MP-002/2024-Q3.csv");

        var submission = await SingleSubmissionAsync("MP-002");
        Assert.Equal((UploadChannel.Direct, (string?)null), (submission.UploadedVia, submission.UploadedBy));
    }

    private async Task<SubmissionRecord> SingleSubmissionAsync(string workshopId) => Assert.Single(await SubmissionsAsync(workshopId));

    private async Task<List<SubmissionRecord>> SubmissionsAsync(string workshopId)
    {
        var rows = new List<SubmissionRecord>();
        await foreach (var row in new SubmissionStore(_storage).OfWorkshopAsync(workshopId))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task UploadUrl_MalformedQuarterIs400()
    {
        var result = await UploadUrlFunction().RunAsync(Request("atelier.mp002@example.org", query: "?quarter=2024&format=csv"), "MP-002", CancellationToken.None);

        Problem(result, 400);
    }
}
