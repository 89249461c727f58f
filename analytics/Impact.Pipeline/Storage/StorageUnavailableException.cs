using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Impact.Pipeline.Storage;

/// <summary>
/// The storage account could not be reached (no answer, connection refused, name not found) even after the client's
/// retries. The message is French and says which account and what to check; the CLI turns it into exit code 2.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="account"/> at <paramref name="endpoint"/>.</summary>
    public StorageUnavailableException(string account, string endpoint, Exception innerException)
        : base($"Le stockage est injoignable : le compte « {account} » ({endpoint}) ne répond pas. " +
               "Vérifiez la chaîne de connexion (--storage ou ImpactStorage), le réseau et, en local, qu'Azurite est démarré ; puis relancez : ce qui a été écrit est repris sans doublon.",
            innerException)
    {
        Account = account;
        Endpoint = endpoint;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public StorageUnavailableException() : this("?", "?", new InvalidOperationException()) { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message) : base(message)
    {
        Account = "?";
        Endpoint = "?";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
        Account = "?";
        Endpoint = "?";
    }

    /// <summary>The storage account's name.</summary>
    public string Account { get; }

    /// <summary>The endpoint that did not answer (scheme, host and port).</summary>
    public string Endpoint { get; }

    /// <summary>Whether <paramref name="exception"/> (as the Azure SDK throws it, after its retries) says the service could not be reached at all.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } failed => failed.InnerException is null || IsUnreachable(failed.InnerException),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
        HttpRequestException or SocketException or WebException => true,
        TaskCanceledException canceled => canceled.InnerException is TimeoutException,
        _ => false,
    };

    /// <summary>
    /// The account a request URI names: the first path segment on an emulator (an IP address or localhost, as with
    /// Azurite), the first label of the host name on Azure.
    /// </summary>
    public static string AccountOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var local = uri.IsLoopback || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        return local
            ? uri.AbsolutePath.Trim('/').Split('/')[0]
            : uri.Host.Split('.')[0];
    }
}

/// <summary>
/// Turns "the service could not be reached" into a <see cref="StorageUnavailableException"/> once the client's retries
/// are spent (it sits per call, outside the retry policy); every other failure passes through unchanged.
/// </summary>
internal sealed class StorageUnavailablePolicy : HttpPipelinePolicy
{
    public static readonly StorageUnavailablePolicy Instance = new();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex) && !message.CancellationToken.IsCancellationRequested)
        {
            throw Unavailable(message, ex);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex) && !message.CancellationToken.IsCancellationRequested)
        {
            throw Unavailable(message, ex);
        }
    }

    private static StorageUnavailableException Unavailable(HttpMessage message, Exception ex)
    {
        var uri = message.Request.Uri.ToUri();
        return new StorageUnavailableException(StorageUnavailableException.AccountOf(uri), uri.GetLeftPart(UriPartial.Authority), ex);
    }
}
