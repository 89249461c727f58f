using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Impact.Pipeline.Storage;
using Microsoft.Extensions.Configuration;

namespace Impact.Functions.Configuration;

/// <summary>
/// The pipeline's data connection, named like the triggers' <c>Connection</c> ("ImpactStorage"), in either of the
/// two forms the Functions host itself understands:
/// <list type="bullet">
/// <item>a connection string: <c>ImpactStorage=UseDevelopmentStorage=true</c> (locally, Azurite);</item>
/// <item>identity-based (in Azure, no key anywhere): <c>ImpactStorage__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c>, with <c>__credential=managedidentity</c> and optionally <c>__clientId</c> for a
/// user-assigned identity.</item>
/// </list>
/// </summary>
public static class StorageConnection
{
    /// <summary>The connection name used by every trigger and by the storage port.</summary>
    public const string Name = "ImpactStorage";

    /// <summary>Builds the Azure adapter from configuration.</summary>
    /// <exception cref="InvalidOperationException">The connection is not configured, or only in part.</exception>
    public static AzureStorage Create(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return AzureStorage.FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(name);
        var blob = Uri(section, "blobServiceUri");
        var queue = Uri(section, "queueServiceUri");
        var table = Uri(section, "tableServiceUri");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__blobServiceUri', " +
                $"'{name}__queueServiceUri' and '{name}__tableServiceUri' (with '{name}__credential=managedidentity').");
        }

        var credential = Credential(section);
        return new AzureStorage(
            new BlobServiceClient(blob, credential, AzureStorage.WithPolicies(new BlobClientOptions())),
            new TableServiceClient(table, credential, AzureStorage.WithPolicies(new TableClientOptions())),
            new QueueServiceClient(queue, credential, AzureStorage.WithPolicies(new QueueClientOptions())));
    }

    /// <summary>The blob service client of an identity-based connection (for user-delegation SAS).</summary>
    /// <exception cref="InvalidOperationException">The connection has no blobServiceUri.</exception>
    public static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        var blob = Uri(section, "blobServiceUri") ?? throw new InvalidOperationException($"Storage connection '{name}' is not configured: set '{name}__blobServiceUri'.");
        return new BlobServiceClient(blob, Credential(section));
    }

    private static Uri? Uri(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? new Uri(value, UriKind.Absolute) : null;

    /// <summary>The managed identity when asked for (user-assigned when a client id is given), otherwise the default chain (developer sign-in).</summary>
    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? section["clientId"] is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
