using System.Net;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Analytics.Risk;
using Impact.Cli;
using Impact.Cli.Commands;
using Impact.Cli.Running;
using Impact.Pipeline.Run;
using Impact.Simulation;
using Impact.Web.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Dashboard.Tests;

/// <summary>
/// A simulated run served as `impact serve` serves it (the same app, built in process on a free loopback port): 24
/// workshops over 8 quarters (seed 42), run as of the last quarter, with the demo's accounts.csv. The roles the tests
/// sign in as are picked from the run itself: <see cref="Workshop"/> is a workshop of <see cref="Coach"/> whose latest
/// score has reasons, <see cref="SecondWorkshop"/> another workshop of the same coach, <see cref="OtherCoach"/> a coach
/// who follows neither.
/// </summary>
public sealed class ServedRun : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-serve-").FullName;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The quarter the run is as of.</summary>
    public Quarter AsOf { get; private set; }

    /// <summary>The fixed clock of the run and of `impact serve`.</summary>
    public DateTimeOffset Now { get; private set; }

    public WorkshopRegistry Registry { get; private set; } = null!;

    public Workshop Workshop { get; private set; } = null!;

    public Workshop SecondWorkshop { get; private set; } = null!;

    public string Coach => Workshop.CoachId;

    public string OtherCoach { get; private set; } = null!;

    /// <summary>The latest risk score of <see cref="Workshop"/>, as the run wrote it.</summary>
    public RiskScore WorkshopRisk { get; private set; } = null!;

    public string InputFolder => Path.Combine(_root, "input");

    public static string WorkshopAccount(string workshopId) => $"{workshopId.ToLowerInvariant()}@atelier.exemple.fr";

    public const string MinistryAccount = "ministere@exemple.gouv.fr";

    public string CoachAccount(string coachId) => Registry.Workshops.First(w => w.CoachId == coachId).CoachEmail;

    public async Task InitializeAsync()
    {
        var options = new SimulationOptions { Workshops = 24, Quarters = 8, Seed = 42 };
        var cohort = CohortSimulator.Simulate(options);
        AsOf = options.LastQuarter;
        await SimulateCommand.WriteAsync(cohort, InputFolder, CancellationToken.None);
        Registry = WorkshopRegistry.Read(await File.ReadAllTextAsync(Path.Combine(InputFolder, "registry", "workshops.csv")));
        await File.WriteAllTextAsync(Path.Combine(InputFolder, "registry", AccountDirectory.BlobName), DemoCommand.DemoAccounts(Registry));

        // The clock: six weeks after the last quarter, so that its deadline has passed.
        var time = new FakeTimeProvider(new DateTimeOffset(options.LastQuarter.LastDay.AddDays(45).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Now = time.GetUtcNow();
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, time);
        var output = Path.Combine(_root, "output");
        await RunCommand.RunFolderAsync(console, InputFolder, output, new RunOptions(), options.Reporting, options.LastQuarter, CancellationToken.None);

        var scores = RiskScoreCsv.Read(await File.ReadAllTextAsync(Path.Combine(output, "risk", "scores.csv")));
        var withReasons = scores.Where(s => s.Reasons.Count > 0).Select(s => s.WorkshopId).ToHashSet(StringComparer.Ordinal);
        Workshop = Registry.Workshops.First(w => withReasons.Contains(w.WorkshopId) && Registry.Workshops.Count(o => o.CoachId == w.CoachId) >= 2);
        WorkshopRisk = scores.Single(s => s.WorkshopId == Workshop.WorkshopId);
        SecondWorkshop = Registry.Workshops.First(w => w.CoachId == Workshop.CoachId && w.WorkshopId != Workshop.WorkshopId);
        OtherCoach = Registry.Workshops.Select(w => w.CoachId).First(c => c != Workshop.CoachId);

        _app = ServeCommand.Build(console, PipelineFolders.Layout(InputFolder, output), options.Reporting, IPAddress.Loopback, 0);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A client that signs in as <paramref name="account"/> with the platform's header, never following redirects.</summary>
    public HttpClient ClientAs(string? account)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (account is not null)
        {
            client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, new ClientPrincipal("aad", [new("preferred_username", account)]).Encode());
        }

        return client;
    }

    /// <summary>A valid return of <see cref="Workshop"/> for a quarter: the repository's sample return (samples/), renamed.</summary>
    public string SampleReturnPath(Quarter quarter)
    {
        var text = File.ReadAllText(Path.Combine(Impact.Testing.RepositoryPaths.Root, "samples", "returns", "MP-002", "2024-Q3.csv"), Encoding.UTF8);
        var path = Path.Combine(_root, $"{quarter}.csv");
        File.WriteAllText(path, text.Replace("\nMP-002;2024-Q3;", $"\n{Workshop.WorkshopId};{quarter};", StringComparison.Ordinal), new UTF8Encoding(false));
        return path;
    }
}
