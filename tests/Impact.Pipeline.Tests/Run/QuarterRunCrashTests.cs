using Impact.Analytics;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Run;

/// <summary>
/// The whole quarterly run "killed" before one of its writes, then run again: the output folder ends byte for byte as
/// after a run never interrupted, the alerts' .eml files included (dated by the run's clock, their MIME boundary
/// derived from the Message-ID). The kill is a fault-injecting storage decorator that stops every write from the chosen one on.
/// </summary>
public sealed class QuarterRunCrashTests : IDisposable
{
    private static readonly Quarter AsOf = new(2024, 3);
    private readonly string _root = Directory.CreateTempSubdirectory("impact-crash-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 11, 20, 6, 0, 0, TimeSpan.Zero));

    public QuarterRunCrashTests()
    {
        // One input folder for every run, so that every run sees the same receipt times (the files' times).
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Input, Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, new DateTime(2024, 10, 12, 9, 30, 0, DateTimeKind.Utc));
        }
    }

    private string Input => Path.Combine(_root, "in");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FolderLayout Layout(string output) =>
        FolderLayout.Split(Input, output, [StorageNames.Containers.Returns, StorageNames.Containers.Registry, StorageNames.Containers.Evaluation]);

    /// <summary>A run then the alerts' delivery, as `impact run` does them.</summary>
    private async Task RunAsync(IImpactStorage storage, string output, bool site)
    {
        await new QuarterRun(storage, _clock, new RunOptions { Parallelism = 1, PublishSite = site }, ReportingOptions.Default).RunAsync(AsOf);
        await new AlertDispatch(storage, new PickupFolderAlertSender(Path.Combine(output, "alerts-sent")), _clock, new AlertOptions()).DrainQueueAsync();
    }

    private static SortedDictionary<string, string> Files(string output) => new(
        Directory.EnumerateFiles(output, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Where(f => Path.GetFileName(f) != FolderLock.FileName)
            .ToDictionary(
                f => Path.GetRelativePath(output, f).Replace('\\', '/'),
                f => f.EndsWith("summary.json", StringComparison.Ordinal) ? StateOfSummary(f, output)
                    : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    /// <summary>Runs once uninterrupted, then once killed before each chosen write and run again; each must end as the first.</summary>
    private async Task<int> KillAndRerunAsync(bool site, Func<int, IEnumerable<int>> crashPoints)
    {
        var cleanOutput = Path.Combine(_root, $"clean-{site}");
        var counting = new FaultInjectingStorage(new FolderStorage(Layout(cleanOutput)));
        await RunAsync(counting, cleanOutput, site);
        var clean = Files(cleanOutput);
        Assert.Contains("tables/Submissions/_m_p-002.json", clean.Keys);
        Assert.Contains("alerts-sent/mp-001.2024-q3.red.eml", clean.Keys);
        Assert.Contains("Date: Wed, 20 Nov 2024 06:00:00 +0000", File.ReadAllText(Path.Combine(cleanOutput, "alerts-sent", "mp-001.2024-q3.red.eml")), StringComparison.Ordinal);

        foreach (var crash in crashPoints(counting.Writes.Count))
        {
            var output = Path.Combine(_root, $"crash-{site}-{crash}");
            var dying = new FaultInjectingStorage(new FolderStorage(Layout(output))) { CrashBefore = crash };
            try
            {
                await RunAsync(dying, output, site);
            }
            catch (SimulatedCrashException)
            {
                // The run stops at the crash; in the alerts' drain the crash is a failed send, reported, not thrown.
            }

            Assert.True(dying.Attempted >= crash, $"the run never reached write {crash}");

            await RunAsync(new FolderStorage(Layout(output)), output, site);

            var after = Files(output);
            var differ = clean.Keys.Union(after.Keys).Where(k => clean.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
            Assert.True(differ.Count == 0, $"killed before write {crash} ({dying.Attempted} attempted), rerun differs in: {string.Join(", ", differ)}");
        }

        return counting.Writes.Count;
    }

    /// <summary>The run summary without what this run did (accepted, rejected, unchanged, queued): what it found.</summary>
    /// <remarks>The outputs are paths under the run's own folder: compared relative to it.</remarks>
    private static string StateOfSummary(string path, string output)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        var outputs = json["outputs"]!.AsArray().Select(o => Path.GetRelativePath(output, o!.GetValue<string>())).ToList();
        json["outputs"] = new System.Text.Json.Nodes.JsonArray([.. outputs.Select(o => (System.Text.Json.Nodes.JsonNode?)o)]);
        foreach (var action in new[] { "accepted", "rejected", "unchanged", "alerts_queued" })
        {
            Assert.True(json.Remove(action), action);
        }

        return json.ToJsonString();
    }

    [Fact]
    public async Task RunAsync_KilledBeforeAnyOfItsWritesThenRunAgainEndsAsARunNeverInterrupted()
    {
        // Every write of a run without the site: the registry's version kept (reports/_reference/), 16 of ingestion (3 uploads: 4 reports each, then
        // each workshop's rows in one batch per partition: MP-001's Submissions, MP-002's Returns and Submissions; the rejected upload's notice), 7 result
        // CSVs, the views' input (run/site-input.json), 2 batches of rows (indicators, scores) each followed by its digests (run/tables/), 2 alerts queued (the first
        // run tells both coaches of their amber workshop), the summary, then the drain's batch: both intents in one write, both "sent" in one,
        // and the two dequeues.
        var writes = await KillAndRerunAsync(site: false, writes => Enumerable.Range(1, writes));

        Assert.Equal(36, writes);
    }

    [Fact]
    public async Task RunAsync_KilledWhilePublishingTheSiteThenRunAgainEndsAsARunNeverInterrupted()
    {
        // The views' input (write 25), then the public site's 86 files (with the method page and the phone variants of the charts and maps), are written between the result CSVs (writes 18 to
        // 24) and the tables: the input, the first public file, one in the middle, and the last (followed by 2 batches of
        // rows and their 2 digests, 2 alerts queued, the summary and the drain's 4 writes). No page of one workshop is written any more (the
        // signed-in views render it on request).
        var writes = await KillAndRerunAsync(site: true, writes => [25, 26, 55, writes - 11]);

        Assert.Equal(122, writes);
    }
}
