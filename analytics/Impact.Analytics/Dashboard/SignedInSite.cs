using System.Collections.Frozen;
using Impact.Analytics.Dashboard.Pages;
using Impact.Analytics.Registry;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The signed-in views of one run, rendered on request (issue 13): built once from the run's <see cref="SiteInput"/>
/// (<see cref="SiteInputJson"/>), then asked for one page at a time. The national pages (national view, regions,
/// completeness, their charts and downloads) are built once, on first use, with no page per workshop; a workshop's page
/// and its charts, and a coach's portfolio, are rendered when asked. Pure: who may see what is decided before
/// (the Web layer's access policy); <see cref="ViewReader"/> says only what the reader's role shows.
/// </summary>
/// <remarks>
/// Paths are those under <c>/app/</c>: <c>national</c>, <c>regions/…</c>, <c>completude.html</c>, <c>graphiques/…</c>,
/// <c>donnees/…</c>, <c>dsfr/…</c>, <c>workshops/{id}</c>, <c>workshops/{id}/graphiques/{chart}.svg</c>,
/// <c>coaches/{coachId}</c>. Pages link to each other relatively, so both hosts serve them unchanged.
/// </remarks>
public sealed class SignedInSite
{
    /// <summary>The file the national view is, among <see cref="NationalFile"/>'s paths.</summary>
    public const string NationalPage = "index.html";

    /// <summary>The prefix of the shared DSFR assets (CSS, fonts, icons): the same for every reader.</summary>
    public const string AssetsFolder = "dsfr/";

    private const string WorkshopChartSlug = "manufacture";

    private readonly SiteData _data;
    private readonly Lazy<FrozenDictionary<string, SiteFile>> _national;
    private static readonly Lazy<FrozenDictionary<string, SiteFile>> Assets =
        new(() => SiteAssets.DsfrFiles().ToFrozenDictionary(f => f.Path, StringComparer.Ordinal));

    /// <summary>Prepares the views of a run (cheap: nothing is rendered yet).</summary>
    public SignedInSite(SiteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var signedIn = input with { Audience = SiteAudience.SignedIn };
        _data = new SiteData(signedIn);
        _national = new(() => SiteBuilder.Build(signedIn).ToFrozenDictionary(f => f.Path, StringComparer.Ordinal));
    }

    /// <summary>The quarter the run is as of.</summary>
    public Quarter AsOf => _data.AsOf;

    /// <summary>The workshop with this identifier, or null when the registry of the run does not hold it.</summary>
    public Workshop? Find(string workshopId) => _data.Input.Registry.Find(workshopId);

    /// <summary>The workshops a coach follows (registry column coach_id), by identifier.</summary>
    public IReadOnlyList<Workshop> WorkshopsOf(string coachId) => [.. _data.Workshops.Where(w => string.Equals(w.CoachId, coachId, StringComparison.Ordinal))];

    /// <summary>A file of the national views (<c>index.html</c>, <c>regions/…</c>, <c>completude.html</c>, <c>graphiques/…</c>, <c>donnees/…</c>), or null.</summary>
    public SiteFile? NationalFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(AssetsFolder, StringComparison.Ordinal) ? null : _national.Value.GetValueOrDefault(path);
    }

    /// <summary>A DSFR asset (<c>dsfr/…</c>), or null: public files, the same for every reader.</summary>
    public static SiteFile? Asset(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Assets.Value.GetValueOrDefault(path);
    }

    /// <summary>The charts of a workshop's page, drawn now (the caller caches them for the run); empty when the workshop is unknown.</summary>
    public IReadOnlyList<SiteFile> WorkshopCharts(string workshopId)
    {
        if (Find(workshopId) is not { } workshop)
        {
            return [];
        }

        return [.. Dashboard.WorkshopCharts.All(_data, workshop, WorkshopChartSlug).SelectMany(chart => new[]
        {
            new SiteFile(chart.Name + ".svg", chart.Svg, SiteFile.ContentTypeOf(".svg")),
            new SiteFile(chart.Name + ".png", chart.Png, SiteFile.ContentTypeOf(".png")),
            new SiteFile(chart.Name + ".csv", System.Text.Encoding.UTF8.GetBytes(chart.Table.ToCsv()), SiteFile.ContentTypeOf(".csv")),
        }.Concat(chart.Narrow is { } narrow ? [new SiteFile(ChartRenderer.NarrowName(chart.Name) + ".png", narrow.Png, SiteFile.ContentTypeOf(".png"))] : []))];
    }

    /// <summary>
    /// A workshop's page: its figures and charts against its peers, its risk (reasons only if the reader sees them), its
    /// submissions with their reports, the template and, for the workshop itself, the upload form.
    /// </summary>
    /// <exception cref="ArgumentException">The workshop is not in the run's registry.</exception>
    public string WorkshopPage(string workshopId, ViewReader reader, IReadOnlyList<SubmissionView> submissions, NoticeBlock? notice = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(submissions);
        var workshop = Find(workshopId) ?? throw new ArgumentException($"Workshop {workshopId} is not in the registry.", nameof(workshopId));
        var charts = Dashboard.WorkshopCharts.All(_data, workshop, WorkshopChartSlug);
        return SignedInPages.Workshop(_data, workshop, charts, reader, submissions, notice);
    }

    /// <summary>A coach's portfolio: each workshop they follow, what needs attention first, then the alerts and what was done about them.</summary>
    public string PortfolioPage(string coachId, ViewReader reader, IReadOnlyDictionary<string, PortfolioFacts> facts, DateOnly today,
        IReadOnlyList<AlertFollowUpView>? alerts = null, NoticeBlock? notice = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(facts);
        return SignedInPages.Portfolio(_data, coachId, WorkshopsOf(coachId), reader, facts, today, alerts ?? [], notice);
    }

    /// <summary>The ministry's view of every red alert and its follow-up status (<c>/app/alertes</c>); <paramref name="simulated"/>: the alerts come from a simulated cohort.</summary>
    public static string RedAlertsPage(ViewReader reader, IReadOnlyList<AlertFollowUpView> alerts, bool simulated) => SignedInPages.RedAlerts(reader, alerts, simulated);

    /// <summary>Whether the run's cohort is simulated (<see cref="SiteInput.Simulated"/>).</summary>
    public bool Simulated => _data.Input.Simulated;

    /// <summary>A page that only says something (access refused, sign-in needed, nothing there), in the site's frame.</summary>
    /// <param name="root">The relative path to <c>/app/</c> from the page's address.</param>
    /// <param name="title">The heading.</param>
    /// <param name="text">What happened and what to do.</param>
    /// <param name="link">A way on (sign in, go home), or null.</param>
    public static string MessagePage(string root, string title, string text, LinkInline? link) => SignedInPages.Message(root, title, text, link);
}

/// <summary>Who reads a signed-in view, as far as the pages need to know it.</summary>
/// <param name="SignedInAs">The account, as the header shows it.</param>
/// <param name="SeesRiskReasons">Whether the reader sees a risk score and its reasons, not only the level (coaches and the ministry).</param>
/// <param name="IsMinistry">Whether the reader reads the national views (the menu links to them).</param>
/// <param name="WorkshopId">The reader's own workshop (workshop accounts), or null.</param>
/// <param name="CoachId">The reader's coach identifier (coach accounts), or null.</param>
public sealed record ViewReader(string SignedInAs, bool SeesRiskReasons, bool IsMinistry, string? WorkshopId, string? CoachId)
{
    /// <summary>Whether the reader may upload this workshop's returns: only the workshop itself.</summary>
    public bool Uploads(string workshopId) => string.Equals(WorkshopId, workshopId, StringComparison.Ordinal);
}

/// <summary>Where an upload stands.</summary>
public enum UploadState
{
    /// <summary>Received, not yet validated.</summary>
    Received,

    /// <summary>Validated and accepted: it is the quarter's current version.</summary>
    Accepted,

    /// <summary>Validated and rejected: its report says why.</summary>
    Rejected,

    /// <summary>Received, but its validation failed on our side; it will be retried.</summary>
    Failed,
}

/// <summary>One upload of a workshop, as its page lists it.</summary>
/// <param name="Quarter">The quarter it is for, or null when its name gave none.</param>
/// <param name="ReceivedAt">When it was received (UTC).</param>
/// <param name="FileName">Its file name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="ErrorCount">Errors found.</param>
/// <param name="WarningCount">Warnings found.</param>
/// <param name="Version">The version it became, when accepted.</param>
/// <param name="Findings">Its validation report's findings, or null when its report is not kept (a later upload of the quarter replaced it).</param>
/// <param name="SentBy">Who sent it and how, in French (<see cref="Returns.UploadChannels.French"/>).</param>
public sealed record SubmissionView(Quarter? Quarter, DateTimeOffset ReceivedAt, string FileName, UploadState State, int ErrorCount, int WarningCount, int? Version,
    IReadOnlyList<ValidationFinding>? Findings, string SentBy);

/// <summary>An alert e-mailed to the coach about a workshop.</summary>
/// <param name="Quarter">The scored quarter.</param>
/// <param name="Level">The level alerted (<c>amber</c>, <c>red</c>).</param>
/// <param name="At">When it was sent (or last attempted), UTC.</param>
/// <param name="Sent">Whether the mail server accepted it.</param>
public sealed record AlertView(Quarter Quarter, string Level, DateTimeOffset At, bool Sent);

/// <summary>An alert and what was done about it, as the portfolio and the ministry's view show it.</summary>
/// <param name="Id">The alert (<c>2024-Q3~MP-002~red</c>).</param>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="WorkshopName">Its name.</param>
/// <param name="CoachId">Its coach.</param>
/// <param name="Quarter">The scored quarter.</param>
/// <param name="Level">The level key (red, amber).</param>
/// <param name="Sent">When it was e-mailed, in words (« le 04/11/2024 », « en attente »).</param>
/// <param name="Status">Its follow-up status in words (« sans suite », « Visite le 12/11/2024 »).</param>
/// <param name="History">Each follow-up, oldest first, in words with who recorded it.</param>
/// <param name="Unanswered">True when nothing was recorded about it.</param>
public sealed record AlertFollowUpView(string Id, string WorkshopId, string WorkshopName, string CoachId, Quarter Quarter, string Level, string Sent, string Status,
    IReadOnlyList<string> History, bool Unanswered);

/// <summary>What a portfolio shows of one workshop beyond the run: its last upload and the alerts sent.</summary>
/// <param name="LastSubmission">Its most recent upload, or null.</param>
/// <param name="Alerts">The alerts sent about it, most recent first.</param>
public sealed record PortfolioFacts(SubmissionView? LastSubmission, IReadOnlyList<AlertView> Alerts);
