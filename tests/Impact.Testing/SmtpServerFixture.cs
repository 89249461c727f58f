using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Xunit;

namespace Impact.Testing;

/// <summary>
/// A real SMTP server on loopback for tests: Debian's aiosmtpd (package python3-aiosmtpd, installed by .ci/run),
/// saving every message it receives into a Maildir that the tests read back. Started on a free port, stopped after.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    /// <summary>Debian's Python, which has the aiosmtpd module (a pyenv python on PATH may not).</summary>
    private const string Python = "/usr/bin/python3";

    private readonly string _root = Directory.CreateTempSubdirectory("impact-smtp-").FullName;
    private Process? _process;

    /// <summary>The Maildir: aiosmtpd creates it (with tmp/, new/, cur/) only when it does not exist yet.</summary>
    private string Maildir => Path.Combine(_root, "maildir");

    /// <summary>The loopback host.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return !Directory.Exists(folder)
            ? []
            : [.. Directory.EnumerateFiles(folder).Select(f => (File.GetLastWriteTimeUtc(f), f)).Order().Select(x => MimeMessage.Load(x.f))];
    }

    /// <summary>Forgets the messages received so far.</summary>
    public void Clear()
    {
        var folder = Path.Combine(Maildir, "new");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                File.Delete(file);
            }
        }
    }

    public async Task InitializeAsync()
    {
        using var check = File.Exists(Python) ? Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { UseShellExecute = false }) : null;
        if (check is null || !check.WaitForExit(10_000) || check.ExitCode != 0)
        {
            throw new InvalidOperationException("The SMTP test server needs Debian's aiosmtpd: apt-get install -y python3-aiosmtpd (.ci/run installs it).");
        }

        Port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
