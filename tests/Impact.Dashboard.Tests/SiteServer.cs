using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Impact.Analytics.Dashboard;

namespace Impact.Dashboard.Tests;

/// <summary>
/// A tiny static file server on a free loopback port (127.0.0.1), serving the site's files from memory with their
/// content types, as the storage static website (<c>$web</c>) would: <c>/</c> is index.html, anything else is its
/// path, an unknown path is a 404. Records every path asked for.
/// </summary>
internal sealed class SiteServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, SiteFile> _files;
    private readonly Task _loop;

    public SiteServer(IReadOnlyList<SiteFile> files)
    {
        _files = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public ConcurrentBag<string> Requested { get; } = [];

    public ConcurrentBag<string> NotFound { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            path = path.Length == 0 ? "index.html" : path;
            Requested.Add(path);
            using var response = context.Response;
            if (_files.TryGetValue(path, out var file))
            {
                response.StatusCode = 200;
                response.ContentType = file.ContentType;
                response.ContentLength64 = file.Content.Length;
                await response.OutputStream.WriteAsync(file.Content);
            }
            else
            {
                NotFound.Add(path);
                response.StatusCode = 404;
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
