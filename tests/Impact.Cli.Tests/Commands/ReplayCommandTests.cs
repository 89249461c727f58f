using System.Text;
using Impact.Analytics;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Registry;
using Impact.Cli.Running;
using Impact.Pipeline.Storage;
using Impact.Testing;

namespace Impact.Cli.Tests.Commands;

/// <summary>
/// `impact replay`: on Azurite, a poison message goes back on risk-alerts and a dead-lettered upload is ingested, with
/// a French account of each; on folders, the message is re-queued and written as an .eml to OUT/alerts/.
/// </summary>
[Collection("Azurite")]
public sealed class ReplayCommandTests(AzuriteFixture azurite)
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");

    private static Notice Reminder()
    {
        var registry = WorkshopRegistry.Read(File.ReadAllText(Path.Combine(Samples, "registry", "workshops.csv")));
        return NoticeTexts.Reminder(registry.Find("MP-002")!, new Quarter(2024, 3), new DateOnly(2024, 10, 30), after: true, new Uri("https://tableau.example.org/"))!;
    }

    [Fact]
    public async Task Bench_OnAzurite_DepositsTheCohortAndRunsThereThreeTimes()
    {
        await azurite.ResetAsync();

        var run = await CliRun.RunAsync("bench", "--workshops", "6", "--quarters", "4", "--seed", "3", "--storage", azurite.ConnectionString);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("impact bench : 6 manufactures × 4 trimestres (graine 3), compte Azure Storage, ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("(10 fichiers de retours)", lines[1], StringComparison.Ordinal);
        // On the account the blobs' times are their uploads', so nothing is late: the rerun decides nothing again.
        Assert.Matches(@"^\| premier \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| \d+ \| \d+ \| 0 \|$", lines[4]);
        Assert.Matches(@"^\| relance \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| 0 \| 0 \| 10 \|$", lines[5]);
        Assert.Matches(@"^\| une correction \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| 1 \| 0 \| 10 \|$", lines[6]);
        var returns = new List<string>();
        await foreach (var blob in AzureStorage.FromConnectionString(azurite.ConnectionString).ListBlobsAsync(StorageNames.Containers.Returns))
        {
            returns.Add(blob.Name);
        }

        Assert.Equal(11, returns.Count); // the 10 deposited and the correction
    }

    [Fact]
    public async Task OnAzurite_RequeuesThePoisonAndIngestsTheDeadLetteredUpload()
    {
        await azurite.ResetAsync();
        var storage = AzureStorage.FromConnectionString(azurite.ConnectionString);
        await storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
        await storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")), "text/csv");
        await storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, "evgt/ingest-returns/2024/11/05/08/1.json", Encoding.UTF8.GetBytes(
            "[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/returns/blobs/MP-002/2024-Q3.csv\",\"deadLetterReason\":\"MaxDeliveryAttemptsExceeded\"}]"), "application/json");
        var notice = Reminder().ToJson();
        await storage.EnqueueAsync(StorageNames.Queues.RiskAlertsPoison, notice);

        var run = await CliRun.RunAsync("replay", "--storage", azurite.ConnectionString, "--base-url", "https://func-impact.example.org/");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Messages remis en file depuis risk-alerts-poison : 1.\n"
            + "Événements Event Grid non remis rejoués : 1 fichier(s), 1 dépôt(s) ingéré(s).\n"
            + "  MP-002/2024-Q3.csv : accepté (version 1)\n"
            + "La fonction DispatchAlert envoie les messages remis en file ; un e-mail déjà envoyé ne l'est pas une seconde fois.\n",
            run.Output.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Error);
        var queued = Assert.Single(await storage.ReceiveMessagesAsync(StorageNames.Queues.RiskAlerts, 32, TimeSpan.FromSeconds(30)));
        Assert.Equal(notice, queued.Text);
        Assert.Equal(0, await storage.CountMessagesAsync(StorageNames.Queues.RiskAlertsPoison));
    }

    [Fact]
    public async Task OnFolders_RequeuesThePoisonAndWritesTheEmail()
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        input.Write("registry/workshops.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")));
        var notice = Reminder();
        await new FolderStorage(PipelineFolders.Layout(input.Root, output.Root)).EnqueueAsync(StorageNames.Queues.RiskAlertsPoison, notice.ToJson());

        var run = await CliRun.RunAsync("replay", "--in", input.Root, "--out", output.Root);

        Assert.Equal(0, run.ExitCode);
        var outbox = Path.Combine(output.Root, "alerts");
        Assert.Equal(
            "Messages remis en file depuis risk-alerts-poison : 1.\n" + $"E-mails (alertes aux accompagnateurs, avis aux manufactures) : 1 écrit(s) dans {outbox}.\n",
            run.Output.ReplaceLineEndings("\n"));
        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
        Assert.Equal((notice.MessageId, notice.Subject, notice.Recipient), (mail.MessageId, mail.Subject, mail.To.Mailboxes.Single().Address));

        var again = await CliRun.RunAsync("replay", "--in", input.Root, "--out", output.Root);

        Assert.Equal("Messages remis en file depuis risk-alerts-poison : 0.\n" + $"E-mails (alertes aux accompagnateurs, avis aux manufactures) : 0 écrit(s) dans {outbox}.\n", again.Output.ReplaceLineEndings("\n"));
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));
    }

    [Fact]
    public async Task WithoutStorageOrFolders_SaysWhatToGiveInFrench()
    {
        var run = await CliRun.RunAsync("replay");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Indiquez soit --in et --out (dossiers), soit --storage (Azure Storage).", run.Error, StringComparison.Ordinal);
    }
}
