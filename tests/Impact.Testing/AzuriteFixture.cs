using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace Impact.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, pinned in the repository's package.json) on three free
/// loopback ports, in memory, for the lifetime of a test collection. Needs <c>npm ci</c> at the repository root.
/// Tests sharing one instance keep apart by naming their containers, tables and queues with <see cref="UniqueName"/>.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The emulator's one account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known, public account key (documented by Azurite; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int Attempts = 3;
    private const int MaxOutputLines = 500;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly List<string> _output = [];
    private Process? _process;
    private Endpoints? _endpoints;

    /// <summary>Blob service of the account, e.g. <c>http://127.0.0.1:41001/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint => Started.Blob;

    /// <summary>Queue service of the account.</summary>
    public Uri QueueEndpoint => Started.Queue;

    /// <summary>Table service of the account.</summary>
    public Uri TableEndpoint => Started.Table;

    /// <summary>A connection string for the account, naming the three endpoints explicitly.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>What Azurite wrote to stdout and stderr since it was started (its first 500 lines).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    private Endpoints Started => _endpoints ?? throw new InvalidOperationException("Azurite is not running: the fixture has not been initialized, or has been disposed.");

    /// <summary>
    /// <paramref name="prefix"/> followed by 32 random hex digits: a name valid as a container, a table and a queue
    /// (lowercase letters and digits, starting with a letter, at most 63 characters).
    /// </summary>
    public static string UniqueName(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"Prefix '{prefix}' is not valid: use 1 to 31 lowercase ASCII letters and digits, starting with a letter.", nameof(prefix));
        }

        return prefix + Guid.NewGuid().ToString("N");
    }

    /// <summary>A client on the blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    /// <summary>A client on the table service.</summary>
    public TableServiceClient CreateTableServiceClient() => new(ConnectionString);

    /// <summary>A client on the queue service; pass <see cref="QueueMessageEncoding.Base64"/> to read what the Functions trigger reads.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding = QueueMessageEncoding.None) =>
        new(ConnectionString, new QueueClientOptions { MessageEncoding = encoding });

    /// <summary>
    /// Empties the account: deletes every container, table and queue, so that a test that uses fixed
    /// names (the pipeline's own) starts from nothing. Tests of one collection run one at a time.
    /// </summary>
    public async Task ResetAsync()
    {
        var blobs = CreateBlobServiceClient();
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            await blobs.DeleteBlobContainerAsync(container.Name);
        }

        var tables = CreateTableServiceClient();
        await foreach (var table in tables.QueryAsync())
        {
            await tables.DeleteTableAsync(table.Name);
        }

        var queues = CreateQueueServiceClient();
        await foreach (var queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    public async Task InitializeAsync()
    {
        var executable = Executable();
        for (var attempt = 1; ; attempt++)
        {
            lock (_output)
            {
                _output.Clear(); // report the last attempt only
            }

            var endpoints = Endpoints.OnFreePorts();
            var process = Start(executable, endpoints);
            var failure = await WaitUntilListeningAsync(process, endpoints);
            if (failure is null)
            {
                _process = process;
                _endpoints = endpoints;
                return;
            }

            await StopAsync(process);
            // A port picked free can be taken by someone else before Azurite binds it: pick again.
            if (attempt == Attempts || !Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not start ({failure}). Command: {executable} {string.Join(' ', process.StartInfo.ArgumentList)}\nIts output:\n{Output}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        _endpoints = null;
        if (_process is { } process)
        {
            _process = null;
            await StopAsync(process);
        }
    }

    private static string Executable()
    {
        var name = OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite";
        var path = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Azurite is not installed ({path} is missing): run `npm ci` at the repository root ({RepositoryPaths.Root}).");
    }

    private Process Start(string executable, Endpoints endpoints)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        string[] arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", Port(endpoints.Blob),
            "--queueHost", "127.0.0.1", "--queuePort", Port(endpoints.Queue),
            "--tableHost", "127.0.0.1", "--tablePort", Port(endpoints.Table),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        static string Port(Uri endpoint) => endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Count < MaxOutputLines)
            {
                _output.Add(line);
            }
        }
    }

    /// <summary>Null once all three ports accept connections; otherwise why not.</summary>
    private static async Task<string?> WaitUntilListeningAsync(Process process, Endpoints endpoints)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < StartTimeout)
        {
            if (process.HasExited)
            {
                return $"it exited with code {process.ExitCode}";
            }

            if (await AcceptsAsync(endpoints.Blob) && await AcceptsAsync(endpoints.Queue) && await AcceptsAsync(endpoints.Table))
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return $"its ports were not all listening after {StartTimeout.TotalSeconds:0} s";
    }

    private static async Task<bool> AcceptsAsync(Uri endpoint)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, endpoint.Port);
            return true;
        }
        catch (SocketException)
        {
            return false; // not listening yet
        }
    }

    private static async Task StopAsync(Process process)
    {
        using (process)
        {
            // The whole tree: on Windows azurite.cmd runs node as a child.
            process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(StopTimeout);
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,30}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    private sealed record Endpoints(Uri Blob, Uri Queue, Uri Table)
    {
        /// <summary>Three distinct ports the system reports free: all bound at once to port 0, then released.</summary>
        public static Endpoints OnFreePorts()
        {
            var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
            try
            {
                foreach (var listener in listeners)
                {
                    listener.Start();
                }

                var uris = listeners.Select(l => new Uri($"http://127.0.0.1:{((IPEndPoint)l.LocalEndpoint).Port}/{AccountName}")).ToArray();
                return new Endpoints(uris[0], uris[1], uris[2]);
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                }
            }
        }
    }
}
