using Impact.Analytics;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Dashboard.Pages;
using Impact.Analytics.Returns;
using Impact.Pipeline.Reads;
using Impact.Pipeline.Records;
using Impact.Web.Access;
using Impact.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace Impact.Web.Views;

/// <summary>
/// The signed-in views (<c>/app/…</c>), one method per endpoint of <see cref="ImpactEndpoints"/>, shared by both hosts:
/// rendered on request from the latest run (<see cref="SiteSnapshot"/>), in French, in the DSFR. Access was decided
/// before (<see cref="AccessGate"/>); what the caller's role shows (risk reasons, the upload form) is decided here from it.
/// </summary>
public sealed class ViewHandlers(SiteSnapshot snapshot, ReturnUpload upload, HttpApiOptions options, TimeProvider time, AlertFollowUps followUps, IMemoryCache charts)
{
    /// <summary>How many workshops' charts are kept drawn (a workshop's five charts, SVG, PNG and CSV, weigh about 150 Kio).</summary>
    public const int CachedWorkshopCharts = 256;

    /// <summary><c>/app</c>: a workshop goes to its page, a coach to their portfolio, the ministry to the national view.</summary>
    public static IActionResult Home(HttpRequest request)
    {
        var caller = AccessGate.CallerOf(request);
        return new RedirectResult(caller.Role switch
        {
            Role.Workshop => "/app/workshops/" + Uri.EscapeDataString(caller.Scope),
            Role.Coach => "/app/coaches/" + Uri.EscapeDataString(caller.Scope),
            _ => "/app/national",
        });
    }

    /// <summary><c>/app/deconnexion</c>: the platform's sign-out.</summary>
    public IActionResult SignOut() => new RedirectResult(options.SignOutUrl);

    /// <summary><c>/app/dsfr/…</c>: the DSFR's CSS, fonts and icons (public files, cached a day).</summary>
    public static IActionResult Asset(string path)
    {
        var file = SignedInSite.Asset(SignedInSite.AssetsFolder + path);
        return file is null ? new NotFoundResult() : ViewPages.File(file);
    }

    /// <summary><c>/app/accessibilite.html</c>: the accessibility statement, for every reader.</summary>
    public Task<IActionResult> AccessibilityAsync(HttpRequest request, CancellationToken cancellationToken) =>
        LegalPageAsync(request, "accessibilite.html", cancellationToken);

    /// <summary><c>/app/donnees-personnelles.html</c>: the personal data page, for every reader.</summary>
    public Task<IActionResult> PersonalDataAsync(HttpRequest request, CancellationToken cancellationToken) =>
        LegalPageAsync(request, "donnees-personnelles.html", cancellationToken);

    private async Task<IActionResult> LegalPageAsync(HttpRequest request, string page, CancellationToken cancellationToken)
    {
        var views = await snapshot.CurrentAsync(cancellationToken);
        return views?.Site.NationalFile(page) is { } file ? ViewPages.File(file) : ViewPages.NoRunYet(request);
    }

    /// <summary><c>/app/national</c> and the national files under <c>/app/</c> (regions, completeness, charts, downloads): the ministry's.</summary>
    public async Task<IActionResult> NationalAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await snapshot.CurrentAsync(cancellationToken) is not { } views)
        {
            return ViewPages.NoRunYet(request);
        }

        var file = views.Site.NationalFile(path is "" or "national" ? SignedInSite.NationalPage : path);
        return file is null ? ViewPages.NotFound(request, $"L'espace connecté n'a pas de page « {path} ».") : ViewPages.File(file);
    }

    /// <summary><c>/app/coaches/{coachId}</c>: a coach's portfolio (<c>?suivi=enregistre</c> after a follow-up says it was recorded).</summary>
    public Task<IActionResult> PortfolioAsync(HttpRequest request, string coachId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoticeBlock? notice = request.Query["suivi"].ToString() == "enregistre"
            ? new NoticeBlock(true, "Suite enregistrée", "La suite donnée à l'alerte est enregistrée : elle figure dans l'historique de l'alerte ci-dessous.")
            : null;
        return PortfolioPageAsync(request, coachId, notice, StatusCodes.Status200OK, cancellationToken);
    }

    private async Task<IActionResult> PortfolioPageAsync(HttpRequest request, string coachId, NoticeBlock? notice, int status, CancellationToken cancellationToken)
    {
        if (await snapshot.CurrentAsync(cancellationToken) is not { } views)
        {
            return ViewPages.NoRunYet(request);
        }

        var workshops = views.Site.WorkshopsOf(coachId);
        // One read of the Alerts table: the follow-up section and the cards' « Alertes envoyées » come from it.
        var stored = await followUps.ForCoachAsync(coachId, cancellationToken);
        var alerts = AlertFollowUps.SentByWorkshop(stored, views.Site.AsOf);
        var facts = new Dictionary<string, PortfolioFacts>(StringComparer.Ordinal);
        foreach (var workshop in workshops)
        {
            var submissions = await snapshot.SubmissionsAsync(workshop.WorkshopId, withFindings: false, cancellationToken);
            facts[workshop.WorkshopId] = new PortfolioFacts(submissions.Count == 0 ? null : submissions[0], alerts.GetValueOrDefault(workshop.WorkshopId) ?? []);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var followed = stored.Select(ViewOf).ToList();
        return ViewPages.Page(views.Site.PortfolioPage(coachId, ReaderOf(request), facts, today, followed, notice), status);
    }

    /// <summary>
    /// <c>POST /app/alertes/{id}/suivi</c>: the follow-up form of the portfolio (url-encoded <c>action</c>, <c>date</c>,
    /// <c>note</c>), the same use case as <c>POST /api/alerts/{id}/follow-ups</c>; 303 back to the portfolio, or the
    /// portfolio again with the reason (400, 404). Only a form posted from the same site is taken.
    /// </summary>
    public async Task<IActionResult> FollowUpAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = AccessGate.CallerOf(request);
        if (!IsSameSite(request) || !request.HasFormContentType)
        {
            return ViewPages.Page(SignedInSite.MessagePage(ViewPages.RootOf(request), "Suite refusée",
                "Ce formulaire n'a pas été envoyé depuis l'espace connecté : enregistrez la suite depuis votre portefeuille.", null), StatusCodes.Status403Forbidden);
        }

        var form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 8, ValueLengthLimit = ApiHandlers.MaxFollowUpBytes }, cancellationToken);
        var refusal = await followUps.AddAsync(id, form["action"].ToString(), form["date"].ToString(), form["note"].ToString(), caller.Account, cancellationToken);
        if (refusal is null)
        {
            return ViewPages.SeeOther($"/app/coaches/{Uri.EscapeDataString(caller.Scope)}?suivi=enregistre#alertes");
        }

        return await PortfolioPageAsync(request, caller.Scope, new NoticeBlock(false, "Suite non enregistrée", refusal.Detail),
            refusal.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, cancellationToken);
    }

    /// <summary><c>/app/alertes</c>: every red alert and its follow-up status (ministry).</summary>
    public async Task<IActionResult> RedAlertsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var red = (await followUps.ForCoachAsync(null, cancellationToken)).Where(AlertFollowUps.IsRed).Select(ViewOf).ToList();
        var simulated = (await snapshot.CurrentAsync(cancellationToken))?.Site.Simulated ?? false;
        return ViewPages.Page(SignedInSite.RedAlertsPage(ReaderOf(request), red, simulated));
    }

    private static AlertFollowUpView ViewOf(AlertWithFollowUps a) => new(
        a.Alert.Id, a.Alert.Key.WorkshopId, a.Alert.WorkshopName, a.Alert.CoachId, a.Alert.Key.Quarter, Analytics.Risk.RiskLevels.Key(a.Alert.Key.Level),
        a.Alert.SentAt is { } sent ? "envoyée le " + Impact.Analytics.Dashboard.FrenchFormat.Date(sent)
            : a.Alert.Delivery == Pipeline.Records.AlertDelivery.Held ? "en attente (capacité d'alertes du trimestre atteinte)" : "envoi en cours",
        AlertFollowUps.StatusText(a),
        [.. a.FollowUps.Select(f => $"{Analytics.FollowUp.FollowUpActions.French(f.Action)} le {f.Date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} ({f.By})"
            + (f.Note.Length > 0 ? " : " + f.Note : ""))],
        a.FollowUps.Count == 0);

    /// <summary><c>/app/workshops/{id}</c>: a workshop's page (<c>?depot=2024-Q3</c> after an upload says it was received).</summary>
    public async Task<IActionResult> WorkshopAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoticeBlock? notice = Quarter.TryParse(request.Query["depot"].ToString(), out var uploaded)
            ? new NoticeBlock(true, "Retour reçu", $"Votre retour du {uploaded.ToFrench()} a bien été reçu. Sa validation prend quelques instants : son rapport apparaît dans « Dépôts et rapports de validation » ci-dessous (rechargez la page s'il n'y est pas encore).")
            : null;
        return await WorkshopPageAsync(request, id, notice, StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary><c>/app/workshops/{id}/graphiques/{file}</c>: one of the workshop's charts (SVG, PNG or its data as CSV), drawn once per run.</summary>
    public async Task<IActionResult> WorkshopChartAsync(string id, string file, CancellationToken cancellationToken)
    {
        if (await snapshot.CurrentAsync(cancellationToken) is not { } views || views.Site.Find(id) is null)
        {
            return new NotFoundResult();
        }

        var drawn = charts.GetOrCreate((views.RunTag, id), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return views.Site.WorkshopCharts(id).ToDictionary(f => f.Path, StringComparer.Ordinal);
        })!;
        return drawn.TryGetValue(file, out var chart) ? ViewPages.File(chart) : new NotFoundResult();
    }

    /// <summary>
    /// <c>POST /app/workshops/{id}/depot</c>: the upload form (multipart: <c>quarter</c>, <c>file</c>). Stored as any upload
    /// (<see cref="ReturnUpload"/>), then 303 back to the page; a refused file shows the page again with the reason (400, 413).
    /// Only a form posted from the same site is taken (Sec-Fetch-Site or Origin), so another site cannot upload in the
    /// workshop's name.
    /// </summary>
    public async Task<IActionResult> UploadAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsSameSite(request))
        {
            return ViewPages.Page(SignedInSite.MessagePage(ViewPages.RootOf(request), "Dépôt refusé",
                "Ce formulaire n'a pas été envoyé depuis l'espace connecté : déposez votre retour depuis la page de votre manufacture.", null), StatusCodes.Status403Forbidden);
        }

        if (request.ContentLength > ReturnUpload.MaxBytes + FormOverhead)
        {
            return await RefusedAsync(request, id, ReturnUpload.TooLargeText, StatusCodes.Status413PayloadTooLarge, cancellationToken);
        }

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = ReturnUpload.MaxBytes + FormOverhead,
                ValueCountLimit = 8,
                ValueLengthLimit = 64,
            }));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return await RefusedAsync(request, id, "Le formulaire reçu est illisible ou trop volumineux : choisissez le fichier du retour et envoyez le formulaire à nouveau.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        var file = form.Files.GetFile("file");
        var quarter = form["quarter"].ToString();
        if (file is null || file.Length == 0)
        {
            return await RefusedAsync(request, id, "Aucun fichier joint, ou un fichier vide : choisissez le fichier du retour (CSV, XLSX ou JSON).", StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (file.Length > ReturnUpload.MaxBytes)
        {
            return await RefusedAsync(request, id, ReturnUpload.TooLargeText, StatusCodes.Status413PayloadTooLarge, cancellationToken);
        }

        var extension = Path.GetExtension(file.FileName).TrimStart('.');
        if (ReturnUpload.TryLocate(id, quarter, extension.Length == 0 ? null : extension, file.ContentType, out var path) is { } problem)
        {
            return await RefusedAsync(request, id, (problem.Value as ProblemDetails)?.Detail ?? "Dépôt invalide.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, cancellationToken);
        await upload.StoreAsync(path!, content.ToArray(), new Uploader(UploadChannel.Form, AccessGate.CallerOf(request).Account), cancellationToken);
        return ViewPages.SeeOther($"/app/workshops/{Uri.EscapeDataString(id)}?depot={path!.Quarter}#depots");
    }

    /// <summary>Room for the form's boundaries, headers and the quarter beside the file.</summary>
    private const int FormOverhead = 16 * 1024;

    private async Task<IActionResult> RefusedAsync(HttpRequest request, string id, string text, int status, CancellationToken cancellationToken) =>
        await WorkshopPageAsync(request, id, new NoticeBlock(false, "Dépôt refusé", text), status, cancellationToken);

    private async Task<IActionResult> WorkshopPageAsync(HttpRequest request, string id, NoticeBlock? notice, int status, CancellationToken cancellationToken)
    {
        if (await snapshot.CurrentAsync(cancellationToken) is not { } views)
        {
            return ViewPages.NoRunYet(request);
        }

        if (views.Site.Find(id) is null)
        {
            return ViewPages.NotFound(request, $"Aucune manufacture {id} dans le registre du dernier traitement.");
        }

        var submissions = await snapshot.SubmissionsAsync(id, cancellationToken: cancellationToken);
        return ViewPages.Page(views.Site.WorkshopPage(id, ReaderOf(request), submissions, notice), status);
    }

    /// <summary>What the pages need to know of the caller the gate let through.</summary>
    public static ViewReader ReaderOf(HttpRequest request)
    {
        var caller = AccessGate.CallerOf(request);
        return caller.Role switch
        {
            Role.Workshop => new ViewReader($"{caller.Account} (manufacture {caller.Scope})", false, false, caller.Scope, null),
            Role.Coach => new ViewReader($"{caller.Account} (accompagnateur {caller.Scope})", true, false, null, caller.Scope),
            _ => new ViewReader($"{caller.Account} (ministère)", true, true, null, null),
        };
    }

    /// <summary>Whether a form comes from this site: browsers send Sec-Fetch-Site, or at least Origin, on a cross-site POST.</summary>
    private static bool IsSameSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
