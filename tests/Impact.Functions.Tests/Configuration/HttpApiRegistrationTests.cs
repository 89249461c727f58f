using Impact.Functions.Configuration;
using Impact.Web.Http;
using Impact.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Impact.Functions.Tests.Configuration;

/// <summary>The HTTP API's wiring: every function class resolves, the signer follows the connection's form, settings are checked.</summary>
public sealed class HttpApiRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddImpactPipeline(configuration).AddImpactHttpApi(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData(typeof(Impact.Functions.Http.ApiFunctions))]
    [InlineData(typeof(Impact.Functions.Http.ViewFunctions))]
    [InlineData(typeof(Impact.Functions.Access.AccessMiddleware))]
    public void FunctionClasses_ResolveFromTheWiring(Type function)
    {
        using var services = Build(new() { ["ImpactStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType(function, ActivatorUtilities.CreateInstance(services, function));
    }

    [Fact]
    public void Options_TrustIsOffByDefaultAndReadFromTheHttpSection()
    {
        using var off = Build(new() { ["ImpactStorage"] = "UseDevelopmentStorage=true" });
        using var on = Build(new() { ["ImpactStorage"] = "UseDevelopmentStorage=true", ["Http:TrustPlatformAuthentication"] = "true", ["Http:UploadUrlMinutes"] = "10" });

        Assert.Equal(new HttpApiOptions(), off.GetRequiredService<HttpApiOptions>());
        Assert.Equal(new HttpApiOptions { TrustPlatformAuthentication = true, UploadUrlMinutes = 10 }, on.GetRequiredService<HttpApiOptions>());
        Assert.Equal(("/.auth/login/aad?post_login_redirect_uri=/app", "/.auth/logout?post_logout_redirect_uri=/app"), (off.GetRequiredService<HttpApiOptions>().SignInUrl, off.GetRequiredService<HttpApiOptions>().SignOutUrl));
    }

    [Fact]
    public void Signer_IsUserDelegationOnAnIdentityBasedConnection()
    {
        using var services = Build(new()
        {
            ["ImpactStorage:blobServiceUri"] = "https://example.blob.core.windows.net/",
            ["ImpactStorage:queueServiceUri"] = "https://example.queue.core.windows.net/",
            ["ImpactStorage:tableServiceUri"] = "https://example.table.core.windows.net/",
            ["ImpactStorage:credential"] = "managedidentity",
        });

        Assert.IsType<UserDelegationUploadUrlSigner>(services.GetRequiredService<IUploadUrlSigner>());
        Assert.IsType<AzureStorage>(services.GetRequiredService<IImpactStorage>());
    }

    [Fact]
    public void Signer_IsSharedKeyOnAConnectionString()
    {
        using var services = Build(new() { ["ImpactStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType<SharedKeyUploadUrlSigner>(services.GetRequiredService<IUploadUrlSigner>());
    }

    [Fact]
    public void UploadUrlMinutes_OutOfRangeFailsAtStart() =>
        Assert.Equal("Réglage Http:UploadUrlMinutes invalide (90) : attendu une durée de 1 à 60 minutes.",
            Assert.Single(Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
                Build(new() { ["ImpactStorage"] = "UseDevelopmentStorage=true", ["Http:UploadUrlMinutes"] = "90" })
                    .GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate()).Failures));
}
