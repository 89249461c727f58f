using System.Text;
using System.Text.Json;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Replay;

/// <summary>A dead-letter file that could not be replayed, and why (for the operator, in French).</summary>
/// <param name="Blob">Its name in the dead-letter container.</param>
/// <param name="Reason">Why.</param>
public sealed record UnreadableDeadLetter(string Blob, string Reason);

/// <summary>What <see cref="FailedWorkReplay"/> did.</summary>
/// <param name="PoisonRequeued">Messages moved from <c>risk-alerts-poison</c> back to <c>risk-alerts</c>.</param>
/// <param name="DeadLetterFiles">Dead-letter files replayed in this call.</param>
/// <param name="DeadLetterFilesAlreadyReplayed">Dead-letter files skipped because an earlier replay marked them.</param>
/// <param name="Ingested">The ingestion of every upload the replayed events named, sorted by blob name.</param>
/// <param name="Unreadable">Dead-letter files that name no upload (not JSON, another event), with the reason: marked, kept, for the operator to read.</param>
/// <param name="DeadLettersChecked">Whether the dead-letter container was read (Azure; a folder has no Event Grid).</param>
public sealed record ReplayResult(int PoisonRequeued, int DeadLetterFiles, int DeadLetterFilesAlreadyReplayed, IReadOnlyList<IngestionOutcome> Ingested,
    IReadOnlyList<UnreadableDeadLetter> Unreadable, bool DeadLettersChecked)
{
    /// <summary>The result in French, for the command line.</summary>
    public string ToFrenchText()
    {
        var text = new StringBuilder();
        text.Append("Messages remis en file depuis ").Append(StorageNames.Queues.RiskAlertsPoison).Append(" : ").Append(PoisonRequeued).AppendLine(".");
        if (!DeadLettersChecked)
        {
            return text.ToString();
        }

        text.Append("Événements Event Grid non remis rejoués : ").Append(DeadLetterFiles).Append(" fichier(s), ").Append(Ingested.Count).Append(" dépôt(s) ingéré(s)");
        if (DeadLetterFilesAlreadyReplayed > 0)
        {
            text.Append(", ").Append(DeadLetterFilesAlreadyReplayed).Append(" fichier(s) déjà rejoué(s) auparavant");
        }

        text.AppendLine(".");
        foreach (var outcome in Ingested)
        {
            text.Append("  ").Append(outcome.BlobName).Append(" : ").AppendLine(outcome.Status switch
            {
                IngestionStatus.Accepted => $"accepté (version {outcome.Version})",
                IngestionStatus.Rejected => "refusé, rapport écrit",
                IngestionStatus.Unchanged => "déjà traité",
                IngestionStatus.Missing => "introuvable (supprimé depuis)",
                _ => "échec, repris au prochain traitement",
            });
        }

        foreach (var unreadable in Unreadable)
        {
            text.Append("  ").Append(unreadable.Blob).Append(" laissé tel quel : ").AppendLine(unreadable.Reason);
        }

        return text.ToString();
    }
}

/// <summary>
/// The use case "replay failed work after a fix" (<c>impact replay</c>): the e-mails the Functions host gave up on
/// (<c>risk-alerts-poison</c>) go back to <c>risk-alerts</c>, where the dispatcher sends each once (an e-mail already sent
/// is recognised and not sent again); the uploads whose BlobCreated events Event Grid could not deliver (the dead-letter
/// container) are ingested, as IngestReturn would have, which changes nothing for an upload a later run already took.
/// A replayed dead-letter file is kept, with a mark under <c>replayed/</c> naming what became of each upload, so that a
/// second replay skips it; nothing is deleted (the lifecycle rule of the dead-letter container does that).
/// </summary>
public sealed class FailedWorkReplay(IImpactStorage storage, ReturnIngestion ingestion, TimeProvider time)
{
    /// <summary>Prefix of the marks, in the dead-letter container.</summary>
    public const string ReplayedPrefix = "replayed/";

    private const string ReturnsSubject = "/containers/" + StorageNames.Containers.Returns + "/blobs/";

    /// <summary>
    /// What waits for a replay: messages in <c>risk-alerts-poison</c> and dead-letter files not yet replayed. The daily
    /// FollowUpRound function logs it as a warning, which the Azure Monitor alert of the Bicep watches.
    /// </summary>
    public static async Task<(int PoisonMessages, int DeadLetterFiles)> PendingAsync(IImpactStorage storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var (pending, _) = await DeadLetterFilesAsync(storage, cancellationToken);
        return (await storage.CountMessagesAsync(StorageNames.Queues.RiskAlertsPoison, cancellationToken), pending.Count);
    }

    /// <summary>The dead-letter files not yet replayed (by name), and how many were.</summary>
    private static async Task<(List<string> Pending, int Replayed)> DeadLetterFilesAsync(IImpactStorage storage, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in storage.ListBlobsAsync(StorageNames.Containers.DeadLetters, null, cancellationToken))
        {
            names.Add(blob.Name);
        }

        var marked = names.Where(n => n.StartsWith(ReplayedPrefix, StringComparison.Ordinal)).Select(n => n[ReplayedPrefix.Length..]).ToHashSet(StringComparer.Ordinal);
        var files = names.Where(n => !n.StartsWith(ReplayedPrefix, StringComparison.Ordinal)).ToList();
        return ([.. files.Where(n => !marked.Contains(n))], files.Count(marked.Contains));
    }

    /// <summary>Moves the poison messages back, then, when <paramref name="deadLetters"/>, replays the dead-letter files.</summary>
    public async Task<ReplayResult> ReplayAsync(bool deadLetters, CancellationToken cancellationToken = default)
    {
        var requeued = await RequeuePoisonAsync(cancellationToken);
        if (!deadLetters)
        {
            return new ReplayResult(requeued, 0, 0, [], [], DeadLettersChecked: false);
        }

        var (pending, skipped) = await DeadLetterFilesAsync(storage, cancellationToken);
        var (files, outcomes, unreadable) = (0, new List<IngestionOutcome>(), new List<UnreadableDeadLetter>());
        foreach (var name in pending)
        {
            var content = await storage.ReadBlobAsync(StorageNames.Containers.DeadLetters, name, cancellationToken);
            var uploads = content is null ? null : UploadsNamed(content.Content);
            if (content is null)
            {
                continue; // deleted meanwhile (the lifecycle rule): nothing left to replay
            }

            if (uploads is not { Count: > 0 })
            {
                // Marked too, so that the daily warning stops once an operator has seen it here; the file itself stays.
                var reason = uploads is null ? "ce n'est pas du JSON (un fichier d'Event Grid est un tableau JSON d'événements)."
                    : "aucun dépôt du conteneur returns n'y est nommé (autre événement).";
                unreadable.Add(new UnreadableDeadLetter(name, reason));
                await storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, ReplayedPrefix + name,
                    JsonSerializer.SerializeToUtf8Bytes(new { replayedAt = time.GetUtcNow(), unreadable = reason }), "application/json", cancellationToken);
                continue;
            }

            var mine = new List<IngestionOutcome>();
            foreach (var upload in uploads)
            {
                mine.Add(await ingestion.IngestIsolatedAsync(upload, cancellationToken));
            }

            outcomes.AddRange(mine);
            files++;
            var mark = JsonSerializer.SerializeToUtf8Bytes(new
            {
                replayedAt = time.GetUtcNow(),
                uploads = mine.Select(o => new { blob = o.BlobName, status = o.Status.ToString().ToLowerInvariant(), version = o.Version }),
            });
            await storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, ReplayedPrefix + name, mark, "application/json", cancellationToken);
        }

        return new ReplayResult(requeued, files, skipped, [.. outcomes.OrderBy(o => o.BlobName, StringComparer.Ordinal)], unreadable, DeadLettersChecked: true);
    }

    /// <summary>
    /// Every poison message back on the main queue: enqueued first, then deleted from the poison queue, so a crash in
    /// between leaves a copy in both (the dispatcher sends it once), never in neither.
    /// </summary>
    private async Task<int> RequeuePoisonAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = (await storage.ReceiveMessagesAsync(StorageNames.Queues.RiskAlertsPoison, 32, TimeSpan.FromMinutes(5), cancellationToken))
                .Where(m => seen.Add(m.Id))
                .ToList();
            if (batch.Count == 0)
            {
                return moved;
            }

            foreach (var message in batch)
            {
                await storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, message.Text, cancellationToken);
                await storage.DeleteMessageAsync(StorageNames.Queues.RiskAlertsPoison, message, cancellationToken);
                moved++;
            }
        }
    }

    /// <summary>
    /// The returns blobs a dead-letter file names: a JSON array of Event Grid events (or one event, or CloudEvents), each
    /// naming its blob by <c>subject</c> (<c>/blobServices/default/containers/returns/blobs/MP-001/2024-Q3.csv</c>) or, failing
    /// that, <c>data.url</c>. Null when the file is not JSON.
    /// </summary>
    public static IReadOnlyList<string>? UploadsNamed(ReadOnlyMemory<byte> content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var events = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            return [.. events.Select(NameOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    private static string? NameOf(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (e.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String
            && subject.GetString() is { } s && s.IndexOf(ReturnsSubject, StringComparison.Ordinal) is var at and >= 0)
        {
            return s[(at + ReturnsSubject.Length)..];
        }

        if (e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("url", out var url)
            && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
        {
            var path = uri.AbsolutePath;
            var prefix = "/" + StorageNames.Containers.Returns + "/";
            // Azurite and emulators put the account first in the path: /devstoreaccount1/returns/...
            var index = path.IndexOf(prefix, StringComparison.Ordinal);
            return index >= 0 ? Uri.UnescapeDataString(path[(index + prefix.Length)..]) : null;
        }

        return null;
    }
}
