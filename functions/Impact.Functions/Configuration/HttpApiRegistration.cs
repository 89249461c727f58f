using Azure.Storage.Blobs;
using Impact.Functions.Access;
using Impact.Web;
using Impact.Web.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Impact.Functions.Configuration;

/// <summary>The HTTP surface's wiring (the API and the signed-in views): its options, the shared handlers (<see cref="WebRegistration"/>), the access middleware and the upload URL signer.</summary>
public static class HttpApiRegistration
{
    /// <summary>Registers the HTTP API on the app.</summary>
    public static FunctionsApplicationBuilder AddImpactHttpApi(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImpactHttpApi(builder.Configuration);
        // Access is decided once, before any HTTP function runs (RequiresAccessAttribute); other triggers pass through.
        builder.UseMiddleware<AccessMiddleware>();
        return builder;
    }

    /// <summary>The same registrations on a plain service collection (used by tests); needs AddImpactPipeline's storage and clock.</summary>
    public static IServiceCollection AddImpactHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<HttpApiOptions>(configuration, HttpApiOptions.Section);
        services.AddImpactWeb();
        services.TryAddSingleton<AccessMiddleware>();
        services.AddSingleton<IUploadUrlSigner>(_ => configuration[StorageConnection.Name] is { Length: > 0 } connectionString
            ? new SharedKeyUploadUrlSigner(new BlobServiceClient(connectionString))
            : new UserDelegationUploadUrlSigner(StorageConnection.CreateBlobServiceClient(configuration, StorageConnection.Name)));
        return services;
    }
}
