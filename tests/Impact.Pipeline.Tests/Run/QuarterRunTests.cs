using Impact.Analytics.Settings;
using System.Globalization;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Simulation;
using Impact.Pipeline.Alerts;
using Impact.Analytics.Validation;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Run;

/// <summary>
/// The quarterly run on the sample folder (two workshops, three returns), identically on a folder and on
/// Azure Storage (Azurite): outputs, idempotent reruns, and a correction changing its quarter's indicators.
/// </summary>
public abstract class QuarterRunTests : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private static readonly Quarter AsOf = new(2024, 3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 11, 20, 6, 0, 0, TimeSpan.Zero));

    protected IImpactStorage Storage { get; private set; } = null!;

    private QuarterRun Run => new(Storage, _clock, new RunOptions(), ReportingOptions.Default);

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync()
    {
        Storage = await CreateEmptyStorageAsync();
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Samples, "returns"), "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(Path.Combine(Samples, "returns"), file).Replace('\\', '/');
            await Storage.WriteBlobAsync(StorageNames.Containers.Returns, name, await File.ReadAllBytesAsync(file), "text/csv");
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ResultAsync(string name) =>
        Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Results, name))!.Content.Span);

    /// <summary>The indicators computed straight from the sample files, without storage: what the run must publish.</summary>
    private static string ExpectedIndicators(params (string Path, string Replace, string By)[] edits)
    {
        var registry = WorkshopRegistry.Read(File.ReadAllText(Path.Combine(Samples, "registry", "workshops.csv")));
        var returns = Directory.EnumerateFiles(Path.Combine(Samples, "returns"), "*", SearchOption.AllDirectories)
            .Select(f =>
            {
                var text = File.ReadAllText(f);
                foreach (var (path, replace, by) in edits.Where(e => f.EndsWith(e.Path, StringComparison.Ordinal)))
                {
                    text = text.Replace(replace, by, StringComparison.Ordinal);
                }

                return ReturnValidator.ValidateFile(Encoding.UTF8.GetBytes(text), f, ValidationContext.None).Return!;
            })
            .ToList();
        return IndicatorCsv.Write(IndicatorCalculator.Compute(returns, registry));
    }

    [Fact]
    public async Task RunAsync_PublishesIndicatorsCompletenessAndASummary()
    {
        var summary = await Run.RunAsync(AsOf);

        Assert.Equal((3, 3, 0, 0, 3), (summary.ReturnsRead, summary.Accepted, summary.Rejected, summary.Unchanged, summary.IndicatorRows));
        Assert.Equal(ExpectedIndicators(), await ResultAsync("indicators/indicators.csv"));
        var completeness = CompletenessLines(await ResultAsync("completeness/completeness.csv"));
        // Both workshops owe 2024-Q3 and sent it, after the deadline (the files were written today, by the real clock).
        Assert.Equal("national,all,2024-Q3,2,2,0,2,0,1,0,0", completeness.Single(l => l.StartsWith("national,all,2024-Q3,", StringComparison.Ordinal)));
        Assert.Equal(["indicators/indicators.csv", "indicators/aggregates.csv", "completeness/completeness.csv", "completeness/missing_by_coach.csv",
            "risk/scores.csv", "alerts/over_capacity.csv", "alerts/reminders.csv", "run/site-input.json", "run/summary.json"],
            summary.Outputs.Where(o => o.StartsWith("results/", StringComparison.Ordinal)).Select(o => o["results/".Length..]));
        Assert.Contains("\"as_of\": \"2024-Q3\"", await ResultAsync("run/summary.json"), StringComparison.Ordinal);

        var table = new List<TableRow>();
        await foreach (var row in Storage.QueryPartitionAsync(StorageNames.Tables.Indicators, "2024-Q3"))
        {
            table.Add(row);
        }

        Assert.Equal(["MP-001", "MP-002"], table.Select(r => r.RowKey));
        Assert.Equal("62350.5", table[1].GetString("cash_end"));
    }

    /// <summary>A JSON return with a lone surrogate (\ud800) is a rejected upload with its report; the run goes on and every other return is ingested.</summary>
    [Fact]
    public async Task RunAsync_OneUnreadableUploadIsRejectedAndTheRunGoesOn()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-001/2024-Q2.json",
            Encoding.UTF8.GetBytes("""{"workshop_id": "MP-001", "quarter": "2024-Q2", "narrative": "\ud800"}"""), "application/json");

        var summary = await Run.RunAsync(AsOf);

        Assert.Equal((4, 3, 1), (summary.ReturnsRead, summary.Accepted, summary.Rejected));
        var report = Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, "MP-001/2024-Q2.json"))!.Content.Span);
        Assert.Contains("\"rule\": \"json.invalid_escape\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RerunChangesNothing()
    {
        await Run.RunAsync(AsOf);
        var before = await OutputsAsync();

        var again = await Run.RunAsync(AsOf);

        Assert.Equal((3, 0, 0, 3), (again.ReturnsRead, again.Accepted, again.Rejected, again.Unchanged));
        Assert.Equal(before, await OutputsAsync());
    }

    [Fact]
    public async Task RunAsync_CorrectionChangesItsQuarterAndKeepsHistory()
    {
        await Run.RunAsync(AsOf);
        var corrected = File.ReadAllText(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")).Replace("62350,50", "40000", StringComparison.Ordinal);
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", Encoding.UTF8.GetBytes(corrected), "text/csv");

        var summary = await Run.RunAsync(AsOf);

        Assert.Equal((1, 2), (summary.Accepted, summary.Unchanged));
        Assert.Equal(ExpectedIndicators(("2024-Q3.csv", "62350,50", "40000")), await ResultAsync("indicators/indicators.csv"));
        var versions = new List<string>();
        await foreach (var row in Storage.QueryPartitionAsync(StorageNames.Tables.Returns, "MP-002", "2024-Q3"))
        {
            versions.Add(row.RowKey);
        }

        Assert.Equal(["2024-Q3~v0001", "2024-Q3~v0002"], versions);
    }

    /// <summary>Whether the storage keeps the receipt times the simulator sets (file times do; Azure sets its own).</summary>
    protected abstract bool KeepsReceiptTimes { get; }

    /// <summary>Places a simulated input file as a workshop or the ministry would (default: an upload).</summary>
    protected virtual Task PlaceAsync(IImpactStorage storage, SimulatedFile file)
    {
        var slash = file.Path.IndexOf('/', StringComparison.Ordinal);
        return storage.WriteBlobAsync(file.Path[..slash], file.Path[(slash + 1)..], file.Content, "text/csv");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2024)]
    public async Task RunAsync_SimulatedCohortMatchesItsTruth(int seed)
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 30, Quarters = 12, Seed = seed });
        var storage = await CreateEmptyStorageAsync();
        foreach (var file in cohort.Files.Where(f => !f.Path.StartsWith("truth/", StringComparison.Ordinal)))
        {
            await PlaceAsync(storage, file);
        }

        var last = cohort.Options.LastQuarter;
        var summary = await new QuarterRun(storage, _clock, new RunOptions(), ReportingOptions.Default).RunAsync(last);

        var truth = cohort.Submissions.Where(s => s.Quarter <= last).ToList();
        Assert.Equal(cohort.ReturnsWritten, summary.ReturnsRead);
        Assert.Equal(cohort.ErroneousReturns, summary.Rejected);
        Assert.Equal(cohort.ReturnsWritten - cohort.ErroneousReturns, summary.Accepted);

        var completeness = Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Results, "completeness/completeness.csv"))!.Content.Span)
            .Split('\n').Where(l => l.StartsWith("national,all,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToDictionary(c => c[2]);
        var aggregates = Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Results, "indicators/aggregates.csv"))!.Content.Span)
            .Split('\n').Where(l => l.StartsWith("national,all,", StringComparison.Ordinal) && l.Contains(",staff_headcount,", StringComparison.Ordinal))
            .Select(l => l.Split(',')).ToDictionary(c => c[2]);
        var trueHeadcount = cohort.Distress.ToDictionary(d => (d.WorkshopId, d.Quarter), d => d.StaffHeadcount);
        foreach (var quarter in truth.GroupBy(s => s.Quarter))
        {
            var expected = quarter.Count(s => s.Expected);
            var received = quarter.Where(s => s.Expected && s.Submitted && !s.Erroneous).ToList();
            var row = completeness[quarter.Key.ToString()];
            Assert.Equal((expected, received.Count, expected - received.Count), (int.Parse(row[3], CultureInfo.InvariantCulture), int.Parse(row[4], CultureInfo.InvariantCulture), int.Parse(row[7], CultureInfo.InvariantCulture)));
            if (KeepsReceiptTimes)
            {
                Assert.Equal(received.Count(s => s.OnTime), int.Parse(row[5], CultureInfo.InvariantCulture));
            }

            if (received.Count > 0)
            {
                // Jobs, national total: the sum of the true headcounts of the workshops whose return was accepted.
                var aggregate = aggregates[quarter.Key.ToString()];
                Assert.Equal(received.Count, int.Parse(aggregate[4], CultureInfo.InvariantCulture));
                Assert.Equal(received.Sum(s => trueHeadcount[(s.WorkshopId, s.Quarter)]), int.Parse(aggregate[5], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task RunAsync_RerunningAQuarterAlertsNoOneTwice()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 40, Quarters = 12, Seed = 5 });
        var storage = await CreateEmptyStorageAsync();
        foreach (var file in cohort.Files.Where(f => !f.Path.StartsWith("truth/", StringComparison.Ordinal)))
        {
            await PlaceAsync(storage, file);
        }

        var outbox = Directory.CreateTempSubdirectory("impact-outbox-").FullName;
        try
        {
            var run = new QuarterRun(storage, _clock, new RunOptions(), ReportingOptions.Default);
            var dispatch = new AlertDispatch(storage, new PickupFolderAlertSender(outbox), _clock, new AlertOptions());
            var first = await run.RunAsync(cohort.Options.LastQuarter);
            var drained = await dispatch.DrainQueueAsync();

            Assert.True(first.AlertsQueued > 0, "the simulated cohort has workshops entering amber or red");
            Assert.True(first.NoticesQueued > 0, "the simulated cohort has rejected returns");
            Assert.Equal((first.AlertsQueued + first.NoticesQueued, 0, 0), (drained.Sent, drained.AlreadySent, drained.Failed.Count));
            Assert.Equal(first.AlertsQueued + first.NoticesQueued, Directory.GetFiles(outbox, "*.eml").Length);

            var again = await run.RunAsync(cohort.Options.LastQuarter);
            Assert.Equal((0, 0), (again.AlertsQueued, again.NoticesQueued));
            var replay = await dispatch.DrainQueueAsync();
            Assert.Equal((0, 0, 0), (replay.Sent, replay.AlreadySent, replay.Failed.Count));
            Assert.Equal(first.AlertsQueued + first.NoticesQueued, Directory.GetFiles(outbox, "*.eml").Length);
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    /// <summary>
    /// The first run has no alert history: every workshop amber or red is news to its coach, including those already so
    /// the quarter before. With one alert per coach, the others are recorded as held (over_capacity.csv lists them); once
    /// the capacity is raised, the rerun sends exactly those, saying since when they waited, and nothing else.
    /// </summary>
    [Fact]
    public async Task RunAsync_FirstRunAlertsEveryAmberOrRedAndHeldBackAlertsAreNeverDropped()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 40, Quarters = 12, Seed = 5 });
        async Task<IImpactStorage> PlacedAsync()
        {
            var placed = await CreateEmptyStorageAsync();
            foreach (var file in cohort.Files.Where(f => !f.Path.StartsWith("truth/", StringComparison.Ordinal)))
            {
                await PlaceAsync(placed, file);
            }

            return placed;
        }

        var last = cohort.Options.LastQuarter;
        var unlimited = await new QuarterRun(await PlacedAsync(), _clock, new RunOptions(), ReportingOptions.Default, alertOptions: new AlertOptions { CapacityPerCoach = 100 }).RunAsync(last);
        Assert.Equal(unlimited.Risk.Red + unlimited.Risk.Amber, unlimited.AlertsQueued);
        Assert.Equal(13, unlimited.NoticesQueued); // each rejected or warned upload's workshop is told once
        Assert.True(unlimited.AlertsQueued > 5, $"{unlimited.AlertsQueued} workshops amber or red");

        var storage = await PlacedAsync(); // on Azurite, a fresh account: the first run's queue is gone

        var capped = await new QuarterRun(storage, _clock, new RunOptions(), ReportingOptions.Default, alertOptions: new AlertOptions { CapacityPerCoach = 1 }).RunAsync(last);
        var coaches = cohort.Registry.Workshops.Select(w => w.CoachId).Distinct().Count();
        Assert.Equal((unlimited.AlertsQueued, coaches), (capped.AlertsQueued + capped.AlertsOverCapacity, capped.AlertsQueued));
        var held = new List<string>();
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Alerts, last.ToString()))
        {
            Assert.Equal("Held", row.GetString("Delivery"));
            held.Add(row.RowKey[..row.RowKey.LastIndexOf('~')]);
        }

        Assert.Equal(capped.AlertsOverCapacity, held.Count);
        var overCapacity = Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Results, "alerts/over_capacity.csv"))!.Content.Span);
        Assert.Equal(held.Order(StringComparer.Ordinal), overCapacity.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));

        // Reminders concern the two quarters still open to a return, past their deadline; older gaps stay in missing_by_coach.csv.
        var missing = CompletenessLines(Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Results, "completeness/missing_by_coach.csv"))!.Content.Span));
        var reminders = CompletenessLines(Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Results, "alerts/reminders.csv"))!.Content.Span));
        var open = new[] { last.ToString(), last.AddQuarters(-1).ToString() };
        Assert.Equal((37, 11), (missing.Count, reminders.Count));
        Assert.Equal(missing.Where(l => open.Contains(l.Split(',')[0]) && string.CompareOrdinal(l.Split(',')[5], "2024-11-20") < 0), reminders);

        var outbox = Directory.CreateTempSubdirectory("impact-outbox-").FullName;
        try
        {
            var dispatch = new AlertDispatch(storage, new PickupFolderAlertSender(outbox), _clock, new AlertOptions());
            Assert.Equal(coaches + capped.NoticesQueued, (await dispatch.DrainQueueAsync()).Sent);
            var firstSent = Directory.GetFiles(outbox, "*.eml").ToHashSet(StringComparer.Ordinal);

            var raised = await new QuarterRun(storage, _clock, new RunOptions(), ReportingOptions.Default, alertOptions: new AlertOptions { CapacityPerCoach = 100 }).RunAsync(last);
            Assert.Equal((held.Count, 0), (raised.AlertsQueued, raised.AlertsOverCapacity));
            Assert.Equal(held.Count, (await dispatch.DrainQueueAsync()).Sent);
            var carried = Directory.GetFiles(outbox, "*.eml").Where(f => !firstSent.Contains(f)).Select(f => MimeKit.MimeMessage.Load(f)).ToList();
            Assert.Equal(held.Order(StringComparer.Ordinal), carried.Select(m => (m.Subject ?? "").Split('(', ')')[1]).Order(StringComparer.Ordinal));
            Assert.All(carried, m => Assert.Contains($"Cette alerte attendait depuis le {last.ToFrench()}", m.TextBody ?? "", StringComparison.Ordinal));

            var again = await new QuarterRun(storage, _clock, new RunOptions(), ReportingOptions.Default, alertOptions: new AlertOptions { CapacityPerCoach = 100 }).RunAsync(last);
            Assert.Equal((0, 0), (again.AlertsQueued, again.AlertsOverCapacity));
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_DefaultAsOfIsTheLastEndedQuarter() =>
        Assert.Equal(new Quarter(2024, 3), Run.DefaultAsOf());

    private static List<string> CompletenessLines(string csv) => [.. csv.Split('\n').Skip(1).Where(l => l.Length > 0)];

    /// <summary>The data outputs (run/summary.json records what each run did, so it differs by design).</summary>
    private async Task<string[]> OutputsAsync() =>
    [
        await ResultAsync("indicators/indicators.csv"),
        await ResultAsync("indicators/aggregates.csv"),
        await ResultAsync("completeness/completeness.csv"),
        await ResultAsync("completeness/missing_by_coach.csv"),
    ];
}

/// <summary>The run on folders, laid out as `impact run` lays them.</summary>
public sealed class FolderQuarterRunTests : QuarterRunTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-run-").FullName;
    private int _storages;

    protected override bool KeepsReceiptTimes => true;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        var root = Path.Combine(_root, (++_storages).ToString(CultureInfo.InvariantCulture));
        return Task.FromResult<IImpactStorage>(new FolderStorage(
            FolderLayout.Split(Path.Combine(root, "in"), Path.Combine(root, "out"), [StorageNames.Containers.Returns, StorageNames.Containers.Registry, StorageNames.Containers.Evaluation])
                .WithContainer(StorageNames.Containers.Results, Path.Combine(root, "out"))));
    }

    /// <summary>Written as `impact simulate` writes it: the file's time is when the workshop sent it.</summary>
    protected override async Task PlaceAsync(IImpactStorage storage, SimulatedFile file)
    {
        var slash = file.Path.IndexOf('/', StringComparison.Ordinal);
        var path = Path.Combine(((FolderStorage)storage).Layout.ContainerDirectory(file.Path[..slash]), file.Path[(slash + 1)..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, file.Content.ToArray());
        if (file.FileTime is { } time)
        {
            File.SetLastWriteTimeUtc(path, time.UtcDateTime);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>The run on Azure Storage (Azurite).</summary>
[Collection("Azurite")]
public sealed class AzureQuarterRunTests(AzuriteFixture azurite) : QuarterRunTests
{
    protected override bool KeepsReceiptTimes => false;

    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
