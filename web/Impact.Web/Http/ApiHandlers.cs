using Impact.Analytics;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Pipeline.Reads;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;
using Impact.Web.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Impact.Web.Http;

/// <summary>
/// The HTTP API (<c>/api/…</c>), one method per endpoint of <see cref="ImpactEndpoints"/>, shared by both hosts: the
/// Function app's HTTP functions call them, and so does <c>impact serve</c>. Access was decided before (<see cref="AccessGate"/>);
/// the caller it let through is <see cref="AccessGate.CallerOf"/>.
/// </summary>
public sealed class ApiHandlers(RunResults reads, ReturnUpload upload, IUploadUrlSigner signer, HttpApiOptions options, TimeProvider time, AlertFollowUps followUps)
{
    /// <summary>Largest follow-up body read (bytes): an action, a date and a note of at most 2,000 characters.</summary>
    public const int MaxFollowUpBytes = 16 * 1024;

    /// <summary>The alerts of a coach's workshops, each with its follow-ups: that coach and the ministry.</summary>
    public async Task<IActionResult> CoachAlertsAsync(HttpRequest request, string coachId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alerts = await followUps.ForCoachAsync(coachId, cancellationToken);
        return new OkObjectResult(new { coachId, alerts = alerts.Select(AlertJson.Of) });
    }

    /// <summary>
    /// Records what the coach did about an alert: JSON <c>{"action": "contact_made", "date": "2024-11-04", "note": "…"}</c>;
    /// 201 with the follow-up as recorded, 400 with a French problem for a bad body, 404 for an unknown alert.
    /// </summary>
    public async Task<IActionResult> AddFollowUpAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Expected = "attendu un objet JSON {\"action\": \"acknowledged\" | \"contact_made\" | \"visit\" | \"action_plan\" | \"closed\", \"date\": \"AAAA-MM-JJ\", \"note\": \"…\"}";
        if (request.ContentLength > MaxFollowUpBytes)
        {
            return Problems.BadRequest($"Corps trop long : au plus {MaxFollowUpBytes / 1024} Kio ; {Expected}.");
        }

        string? action, date, note;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxFollowUpBytes)
            {
                return Problems.BadRequest($"Corps trop long : au plus {MaxFollowUpBytes / 1024} Kio ; {Expected}.");
            }

            using var document = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return Problems.BadRequest($"Corps invalide : {Expected}.");
            }

            string? Text(string name) => document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
            (action, date, note) = (Text("action"), Text("date"), Text("note"));
        }
        catch (System.Text.Json.JsonException)
        {
            return Problems.BadRequest($"Corps illisible : {Expected}.");
        }

        var caller = AccessGate.CallerOf(request);
        var refusal = await followUps.AddAsync(id, action, date, note, caller.Account, cancellationToken);
        if (refusal is not null)
        {
            return refusal.NotFound ? Problems.NotFound(refusal.Detail) : Problems.BadRequest(refusal.Detail);
        }

        return new ObjectResult(new { alertId = id, action, date, note = (note ?? "").Trim(), by = caller.Account, recordedAt = time.GetUtcNow() })
        {
            StatusCode = StatusCodes.Status201Created,
        };
    }

    /// <summary>A workshop's indicators, every quarter of the latest run.</summary>
    public async Task<IActionResult> IndicatorsAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OkObjectResult(new { workshopId = id, indicators = await reads.IndicatorsAsync(id, null, cancellationToken) });
    }

    /// <summary>A workshop's latest risk: the level for the workshop itself; score and reasons for its coach and the ministry.</summary>
    public async Task<IActionResult> RiskAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var score = await reads.LatestRiskAsync(id, cancellationToken);
        if (score is null)
        {
            return Problems.NotFound($"Aucun score de risque n'a encore été calculé pour la manufacture {id}.");
        }

        return AccessPolicy.SeesRiskReasons(AccessGate.CallerOf(request))
            ? new OkObjectResult(new RiskView(id, score.Quarter.ToString(), RiskLevels.Key(score.Level), score.Score, score.Source, score.Reasons))
            : new OkObjectResult(new RiskView(id, score.Quarter.ToString(), RiskLevels.Key(score.Level), null, null, null));
    }

    /// <summary>Every workshop's indicators for one quarter (<c>?quarter=2024-Q3</c>): the national view, ministry only.</summary>
    public async Task<IActionResult> NationalAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Quarter.TryParse(request.Query["quarter"].ToString(), out var quarter))
        {
            return Problems.BadRequest("Paramètre quarter manquant ou invalide : attendu par exemple ?quarter=2024-Q3.");
        }

        return new OkObjectResult(new { quarter = quarter.ToString(), indicators = await reads.IndicatorsAsync(null, quarter, cancellationToken) });
    }

    /// <summary>Uploads a return (CSV, XLSX or JSON, at most 1 Mio): 202 with the status URL.</summary>
    public async Task<IActionResult> PutReturnAsync(HttpRequest request, string id, string quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = ReturnUpload.TryLocate(id, quarter, request.Query["format"].ToString(), request.ContentType, out var path);
        return problem ?? await upload.StoreAsync(request, path!, new Uploader(UploadChannel.Api, AccessGate.CallerOf(request).Account), cancellationToken);
    }

    /// <summary>The status of a return and its validation report (French messages); 404 when nothing was uploaded.</summary>
    public async Task<IActionResult> GetReturnAsync(HttpRequest request, string id, string quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Quarter.TryParse(quarter, out var parsed))
        {
            return Problems.BadRequest("Trimestre invalide : attendu sous la forme AAAA-Qn, par exemple 2024-Q3.");
        }

        var status = await reads.ReturnStatusAsync(id, parsed, cancellationToken);
        return status is null
            ? Problems.NotFound($"Aucun retour reçu de la manufacture {id} pour le trimestre {parsed}.")
            : new OkObjectResult(status);
    }

    /// <summary>
    /// A short-lived, write-only URL for exactly <c>returns/{id}/{quarter}.{ext}</c> (<c>?quarter=2024-Q3&amp;format=csv</c>),
    /// for large files or scripted uploads: 200 with the URL, its expiry, the method and header to use, and the status URL.
    /// </summary>
    public async Task<IActionResult> CreateUploadUrlAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["format"].ToString();
        var problem = ReturnUpload.TryLocate(id, request.Query["quarter"].ToString(), format.Length == 0 ? "csv" : format, null, out var path);
        if (problem is not null)
        {
            return problem;
        }

        // Valid from a minute ago (clocks of the caller and of storage differ a little) for UploadUrlMinutes.
        var now = time.GetUtcNow();
        var expiresOn = now.AddMinutes(options.UploadUrlMinutes);
        Uri url;
        try
        {
            url = await signer.SignAsync(StorageNames.Containers.Returns, path!.BlobName, now.AddMinutes(-1), expiresOn, cancellationToken);
        }
        catch (NotSupportedException ex)
        {
            // A host whose storage cannot sign (impact serve on folders) says what to do instead.
            return Problems.Create(StatusCodes.Status501NotImplemented, "Non disponible ici", ex.Message);
        }

        // Recorded once signed: ingestion attributes a file written to that name within the URL's validity to this account.
        await upload.RecordUploadUrlAsync(path!, AccessGate.CallerOf(request).Account, now.AddMinutes(-1), expiresOn, cancellationToken);
        return new OkObjectResult(new UploadUrl(url, expiresOn, "PUT", "x-ms-blob-type: BlockBlob", ReturnUpload.StatusUrl(path!)));
    }

    /// <summary>The return template in the asked format (csv by default); public, it holds no data.</summary>
    public static IActionResult Template(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = request.Query["format"].ToString();
        var format = asked.Length == 0 ? ReturnFormat.Csv : ReturnFormats.FromExtension(asked);
        return format is null
            ? Problems.BadRequest("Format inconnu : demandez ?format=csv, xlsx ou json.")
            : new FileContentResult(ReturnTemplate.Write(format.Value), format.Value.ContentType()) { FileDownloadName = $"modele-retour.{format.Value.Extension()}" };
    }
}

/// <summary>An alert and its follow-ups as the API shows them (camelCase JSON).</summary>
public static class AlertJson
{
    /// <summary>The JSON object of one alert.</summary>
    public static object Of(AlertWithFollowUps a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new
        {
            id = a.Alert.Id,
            workshopId = a.Alert.Key.WorkshopId,
            workshopName = a.Alert.WorkshopName,
            quarter = a.Alert.Key.Quarter.ToString(),
            level = RiskLevels.Key(a.Alert.Key.Level),
            score = a.Alert.Score,
            source = a.Alert.Source,
            reasons = a.Alert.Reasons,
            delivery = a.Alert.Delivery.ToString().ToLowerInvariant(),
            sentAt = a.Alert.SentAt,
            heldSince = a.Alert.HeldSince?.ToString(),
            resentAt = a.ResentAt,
            status = AlertFollowUps.StatusText(a),
            followUps = a.FollowUps.Select(f => new
            {
                action = Analytics.FollowUp.FollowUpActions.Key(f.Action),
                date = f.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                note = f.Note,
                by = f.By,
                recordedAt = f.RecordedAt,
            }),
        };
    }
}

/// <summary>A risk as the API shows it; score, source and reasons are null for the workshop itself.</summary>
public sealed record RiskView(string WorkshopId, string Quarter, string? Level, double? Score, string? Source, IReadOnlyList<string>? Reasons);

/// <summary>An upload URL and how to use it.</summary>
public sealed record UploadUrl(Uri Url, DateTimeOffset ExpiresOn, string Method, string RequiredHeader, string StatusUrl);
