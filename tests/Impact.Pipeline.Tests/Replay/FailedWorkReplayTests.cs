using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Records;
using Impact.Pipeline.Replay;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Replay;

/// <summary>
/// Failed work put back after a fix, on Azurite: a notice the SMTP relay refused, moved to risk-alerts-poison as the
/// host does, is re-queued and then sent once through a real SMTP server on loopback; an upload whose Event Grid event
/// was dead-lettered is ingested from the dead-letter file, and a second replay does nothing twice.
/// </summary>
[Collection("Azurite")]
public sealed class FailedWorkReplayTests(AzuriteFixture azurite, SmtpServerFixture smtp) : IAsyncLifetime, IClassFixture<SmtpServerFixture>
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 10, 14, 8, 0, 0, TimeSpan.Zero));
    private IImpactStorage _storage = null!;

    public async Task InitializeAsync()
    {
        smtp.Clear();
        await azurite.ResetAsync();
        _storage = AzureStorage.FromConnectionString(azurite.ConnectionString);
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static AlertOptions Smtp(int port) => new() { SmtpHost = SmtpServerFixture.Host, SmtpPort = port, Security = SmtpSecurity.None, Sender = "alertes@example.org" };

    private ReturnIngestion Ingestion() => new(_storage, _clock, ReportingOptions.Default, FollowUpOptions.Default, Smtp(smtp.Port));

    private FailedWorkReplay Replay() => new(_storage, Ingestion(), _clock);

    private async Task UploadRejectedAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv"));
        await _storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv",
            Encoding.UTF8.GetBytes(text.Replace("MP-002;2024-Q3;active;7;5,8;", "MP-002;2024-Q3;active;-7;5,8;", StringComparison.Ordinal)), "text/csv");
    }

    [Fact]
    public async Task APoisonedNoticeIsRequeuedAndThenSentOnce()
    {
        await UploadRejectedAsync();
        Assert.Equal(IngestionStatus.Rejected, (await Ingestion().IngestAsync("MP-002/2024-Q3.csv")).Status);
        // The relay is down: as the queue trigger does, each attempt throws; after the last one the host moves the message to the poison queue.
        var closed = ClosedPort();
        var message = Assert.Single(await _storage.ReceiveMessagesAsync(StorageNames.Queues.RiskAlerts, 32, TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => new AlertDispatch(_storage, new SmtpAlertSender(Smtp(closed)), _clock, Smtp(closed)).DispatchAsync(message.Text));
        await _storage.EnqueueAsync(StorageNames.Queues.RiskAlertsPoison, message.Text);
        await _storage.DeleteMessageAsync(StorageNames.Queues.RiskAlerts, message);
        Assert.Empty(smtp.Messages());
        Assert.Equal((1, 0), await FailedWorkReplay.PendingAsync(_storage));

        var replayed = await Replay().ReplayAsync(deadLetters: true);

        Assert.Equal((1, 0, 0), (replayed.PoisonRequeued, replayed.DeadLetterFiles, replayed.Ingested.Count));
        Assert.Equal((0, 1), (await _storage.CountMessagesAsync(StorageNames.Queues.RiskAlertsPoison), await _storage.CountMessagesAsync(StorageNames.Queues.RiskAlerts)));
        Assert.Equal((0, 0), await FailedWorkReplay.PendingAsync(_storage));
        var sent = await new AlertDispatch(_storage, new SmtpAlertSender(Smtp(smtp.Port)), _clock, Smtp(smtp.Port)).DrainQueueAsync();
        Assert.Equal((1, 0, 0), (sent.Sent, sent.AlreadySent, sent.Failed.Count));
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("bonjour@atelier-des-quais.example.org", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("[Manufactures de proximité] Retour du T3 2024 refusé : ", mail.Subject, StringComparison.Ordinal);

        // Replayed again: nothing waits, nothing is sent twice.
        Assert.Equal(0, (await Replay().ReplayAsync(deadLetters: true)).PoisonRequeued);
        Assert.Equal(0, (await new AlertDispatch(_storage, new SmtpAlertSender(Smtp(smtp.Port)), _clock, Smtp(smtp.Port)).DrainQueueAsync()).Sent);
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task ADeadLetteredUploadIsIngestedOnceAndTheFileIsMarked()
    {
        await _storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")), "text/csv");
        const string file = "evgt-impact/ingest-returns/2024/10/14/07/0b1c2d3e.json";
        await _storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, file, Encoding.UTF8.GetBytes(DeadLetter("MP-002/2024-Q3.csv")), "application/json");
        await _storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, "evgt-impact/ingest-returns/2024/10/14/07/broken.json", "{ pas du JSON"u8.ToArray(), "application/json");
        Assert.Equal((0, 2), await FailedWorkReplay.PendingAsync(_storage));

        var first = await Replay().ReplayAsync(deadLetters: true);

        Assert.Equal((0, 1, 0), (first.PoisonRequeued, first.DeadLetterFiles, first.DeadLetterFilesAlreadyReplayed));
        var outcome = Assert.Single(first.Ingested);
        Assert.Equal(("MP-002/2024-Q3.csv", IngestionStatus.Accepted, 1), (outcome.BlobName, outcome.Status, outcome.Version));
        Assert.Equal(["evgt-impact/ingest-returns/2024/10/14/07/broken.json"], first.Unreadable.Select(u => u.Blob));
        Assert.Equal(SubmissionStatus.Accepted, (await new SubmissionStore(_storage).GetAsync("MP-002", $"2024-Q3~{Sha("MP-002/2024-Q3.csv")}"))?.Status);
        var mark = await _storage.ReadBlobAsync(StorageNames.Containers.DeadLetters, FailedWorkReplay.ReplayedPrefix + file);
        using (var json = JsonDocument.Parse(mark!.Content))
        {
            var upload = Assert.Single(json.RootElement.GetProperty("uploads").EnumerateArray());
            Assert.Equal(("MP-002/2024-Q3.csv", "accepted"), (upload.GetProperty("blob").GetString(), upload.GetProperty("status").GetString()));
        }

        Assert.Equal((0, 0), await FailedWorkReplay.PendingAsync(_storage));
        Assert.Equal(
            "Messages remis en file depuis risk-alerts-poison : 0.\n"
            + "Événements Event Grid non remis rejoués : 1 fichier(s), 1 dépôt(s) ingéré(s).\n"
            + "  MP-002/2024-Q3.csv : accepté (version 1)\n"
            + "  evgt-impact/ingest-returns/2024/10/14/07/broken.json laissé tel quel : ce n'est pas du JSON (un fichier d'Event Grid est un tableau JSON d'événements).\n",
            first.ToFrenchText().ReplaceLineEndings("\n"));

        var second = await Replay().ReplayAsync(deadLetters: true);

        Assert.Equal((0, 2, 0), (second.DeadLetterFiles, second.DeadLetterFilesAlreadyReplayed, second.Ingested.Count));
        Assert.Empty(second.Unreadable);
    }

    [Fact]
    public void UploadsNamed_ReadsSubjectsUrlsAndSingleEventsAndIgnoresOtherContainers()
    {
        Assert.Equal(["MP-001/2024-Q3.csv", "MP-002/2024-Q4.xlsx"], FailedWorkReplay.UploadsNamed(Encoding.UTF8.GetBytes(
            "[" + Event("/blobServices/default/containers/returns/blobs/MP-002/2024-Q4.xlsx", null) + ","
            + Event(null, "http://127.0.0.1:10000/devstoreaccount1/returns/MP-001/2024-Q3.csv") + ","
            + Event("/blobServices/default/containers/registry/blobs/workshops.csv", null) + "]")));
        Assert.Equal(["MP-003/2024-Q1.json"], FailedWorkReplay.UploadsNamed(Encoding.UTF8.GetBytes(
            Event(null, "https://st.blob.core.windows.net/returns/MP-003/2024-Q1.json"))));
        Assert.Equal([], FailedWorkReplay.UploadsNamed("[]"u8.ToArray()));
        Assert.Null(FailedWorkReplay.UploadsNamed("pas du JSON"u8.ToArray()));
    }

    private static string Event(string? subject, string? url) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = "9a1b",
        ["eventType"] = "Microsoft.Storage.BlobCreated",
        ["subject"] = subject,
        ["data"] = new Dictionary<string, object?> { ["api"] = "PutBlob", ["url"] = url },
        ["deadLetterReason"] = "MaxDeliveryAttemptsExceeded",
        ["deliveryAttempts"] = 30,
    });

    /// <summary>What Event Grid writes for an undelivered BlobCreated event (EventGridSchema): a JSON array.</summary>
    private static string DeadLetter(string blob) => "[" + Event($"/blobServices/default/containers/returns/blobs/{blob}", $"https://st.blob.core.windows.net/returns/{blob}") + "]";

    private static string Sha(string sample) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Samples, "returns", sample))));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
