using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Impact.Functions.Access;
using Impact.Functions.Http;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

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

    private AccessMiddleware Middleware() => new(new ApiAccess(_storage, new HttpApiOptions { TrustPlatformAuthentication = true }, _log));

    private static (FunctionContext Context, DefaultHttpContext Http) Invocation(string entryPoint, string account, string? id)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[ClientPrincipal.HeaderName] = new ClientPrincipal("aad", [new("preferred_username", account)]).Encode();
        http.Response.Body = new MemoryStream();
        var data = id is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["id"] = id };
        return (new TestContext(entryPoint, data, http), http);
    }

    [Fact]
    public async Task Invoke_AnotherWorkshopIsAnswered403AndTheFunctionNeverRuns()
    {
        var (context, http) = Invocation("Impact.Functions.Http.WorkshopResults.RiskAsync", "atelier.mp002@example.org", "MP-001");
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal((403, "application/problem+json"), (http.Response.StatusCode, http.Response.ContentType));
        http.Response.Body.Position = 0;
        Assert.Contains("Votre compte ne permet pas cette action sur la manufacture MP-001.", await new StreamReader(http.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal("Denied ReadRisk on MP-001 to atelier.mp002@example.org (Workshop): another workshop's data; answered 403", Assert.Single(_log.Entries).Message);
    }

    [Fact]
    public async Task Invoke_TheOwnWorkshopRunsTheFunctionWithItsCaller()
    {
        var (context, http) = Invocation("Impact.Functions.Http.WorkshopResults.RiskAsync", "atelier.mp002@example.org", "MP-002");
        Caller? seen = null;

        await Middleware().Invoke(context, _ => { seen = AccessMiddleware.CallerOf(http.Request); return Task.CompletedTask; });

        Assert.Equal(new Caller("atelier.mp002@example.org", Role.Workshop, "MP-002"), seen);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Invoke_AFunctionWithoutRequirementPassesThrough()
    {
        var (context, _) = Invocation("Impact.Functions.Http.ReturnTemplateDownload.Run", "stranger@example.org", null);
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
    }

    /// <summary>Every HTTP function declares what it does, except the public template: none can forget the check.</summary>
    [Fact]
    public void EveryHttpFunction_DeclaresItsAccessButTheTemplate()
    {
        var http = typeof(AccessMiddleware).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .ToList();

        Assert.Equal(["GetTemplate"], http.Where(m => m.GetCustomAttribute<RequiresAccessAttribute>() is null).Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name));
        Assert.Equal(7, http.Count);
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
