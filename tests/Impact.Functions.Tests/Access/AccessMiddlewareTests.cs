using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Impact.Web.Access;
using Impact.Web.Http;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Impact.Web;
using Impact.Functions.Access;

namespace Impact.Functions.Tests.Access;

/// <summary>The worker middleware that decides access once for every HTTP function, invoked as the host invokes it.</summary>
public sealed class AccessMiddlewareTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-access-").FullName;
    private readonly FolderStorage _storage;
    private readonly ListLogger<ApiAccess> _log = new();

    public AccessMiddlewareTests()
    {
        _storage = new FolderStorage(FolderLayout.At(_root));
        _storage.WriteBlobAsync(StorageNames.Containers.Registry, AccountDirectory.BlobName,
            Encoding.UTF8.GetBytes("account,role,scope\natelier.mp002@example.org,workshop,MP-002\n"), "text/csv").GetAwaiter().GetResult();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private AccessMiddleware Middleware() =>
        new(new AccessGate(new ApiAccess(_storage, new HttpApiOptions { TrustPlatformAuthentication = true }, _log), new HttpApiOptions()));

    /// <summary>What the worker's ASP.NET Core integration provides to execute results: MVC's result executors.</summary>
    private static readonly IServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    private static (FunctionContext Context, DefaultHttpContext Http) Invocation(string entryPoint, string account, string? id, string path = "/api/workshops/MP-001/risk")
    {
        var http = new DefaultHttpContext { RequestServices = Mvc };
        http.Request.Path = path;
        http.Request.Headers[ClientPrincipal.HeaderName] = new ClientPrincipal("aad", [new("preferred_username", account)]).Encode();
        http.Response.Body = new MemoryStream();
        var data = id is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["id"] = id };
        return (new TestContext(entryPoint, data, http), http);
    }

    [Fact]
    public async Task Invoke_AnotherWorkshopIsAnswered403AndTheFunctionNeverRuns()
    {
        var (context, http) = Invocation("GetWorkshopRisk", "atelier.mp002@example.org", "MP-001");
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal((403, "application/problem+json; charset=utf-8"), (http.Response.StatusCode, http.Response.ContentType));
        http.Response.Body.Position = 0;
        Assert.Contains("Votre compte ne permet pas cette action sur la manufacture MP-001.", await new StreamReader(http.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal("Denied ReadRisk on MP-001 to atelier.mp002@example.org (Workshop): another workshop's data; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Invoke_TheOwnWorkshopRunsTheFunctionWithItsCaller()
    {
        var (context, http) = Invocation("GetWorkshopRisk", "atelier.mp002@example.org", "MP-002");
        Caller? seen = null;

        await Middleware().Invoke(context, _ => { seen = AccessGate.CallerOf(http.Request); return Task.CompletedTask; });

        Assert.Equal(new Caller("atelier.mp002@example.org", Role.Workshop, "MP-002"), seen);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Invoke_AFunctionWithoutRequirementPassesThrough()
    {
        var (context, _) = Invocation("GetTemplate", "stranger@example.org", null);
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
    }

    [Fact]
    public async Task Invoke_ARefusedViewIsAFrenchPageWithTheSameStatus()
    {
        var (context, http) = Invocation("GetWorkshopView", "atelier.mp002@example.org", "MP-001", "/app/workshops/MP-001");
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal((403, "text/html; charset=utf-8"), (http.Response.StatusCode, http.Response.ContentType));
        http.Response.Body.Position = 0;
        var page = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.Contains("<h1 class=\"fr-mt-4w\">Accès refusé</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Votre compte ne permet pas cette action sur la manufacture MP-001.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"../dsfr/dsfr.min.css\"", page, StringComparison.Ordinal);
        Assert.Equal("Denied ReadIndicators on MP-001 to atelier.mp002@example.org (Workshop): another workshop's data; answered 403", Assert.Single(_log.Entries).Message);
    }

    /// <summary>
    /// Every HTTP function is an endpoint of the catalogue, with the same route and method, so the gate finds what it
    /// does by name; the only public ones hold no data (the template, the DSFR files, the accessibility statement, sign-out).
    /// </summary>
    [Fact]
    public void EveryHttpFunction_IsACatalogueEndpointWithItsRouteAndOnlyDataFreeOnesArePublic()
    {
        var http = typeof(AccessMiddleware).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(m => m.Trigger is not null)
            .Select(m => (m.Function!.Name, Method: Assert.Single(m.Trigger!.Methods!).ToUpperInvariant(), m.Trigger.Route))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(ImpactEndpoints.All.Select(e => (e.Name, e.Method, (string?)e.Route)).OrderBy(e => e.Name, StringComparer.Ordinal), http);
        Assert.Equal(["GetAccessibilityView", "GetPersonalDataView", "GetSignOutView", "GetTemplate", "GetViewAsset"],
            ImpactEndpoints.All.Where(e => e.Operation is null).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(21, http.Count);
    }

    private sealed class TestContext(string entryPoint, IReadOnlyDictionary<string, object?> data, HttpContext http) : FunctionContext
    {
        public override string InvocationId => "test";
        public override string FunctionId => entryPoint;
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext { get; } = new TestBinding(data);
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition { get; } = new TestDefinition(entryPoint);
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
        public override CancellationToken CancellationToken => CancellationToken.None;
    }

    private sealed class TestBinding(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class TestDefinition(string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => typeof(AccessMiddleware).Assembly.Location;
        public override string EntryPoint => entryPoint;
        public override string Id => entryPoint;
        public override string Name => entryPoint;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
