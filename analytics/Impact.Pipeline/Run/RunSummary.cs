using System.Globalization;
using System.Text;
using System.Text.Json;
using Impact.Analytics;

namespace Impact.Pipeline.Run;

/// <summary>Where a long step stands, for progress display.</summary>
/// <param name="Stage">The stage's French name.</param>
/// <param name="Done">Items done.</param>
/// <param name="Total">Items in all.</param>
public sealed record RunProgress(string Stage, int Done, int Total);

/// <summary>How long one stage took.</summary>
public sealed record StageTiming(string Stage, TimeSpan Elapsed);

/// <summary>What a quarterly run did: counts, time per stage, and the outputs it wrote.</summary>
public sealed record RunSummary
{
    /// <summary>The last quarter the run covers.</summary>
    public required Quarter AsOf { get; init; }

    /// <summary>Uploaded files found in the returns container.</summary>
    public required int ReturnsRead { get; init; }

    /// <summary>Files accepted by this run (a new current version).</summary>
    public required int Accepted { get; init; }

    /// <summary>Files rejected by this run.</summary>
    public required int Rejected { get; init; }

    /// <summary>Files already ingested by an earlier run (or gone): nothing changed.</summary>
    public required int Unchanged { get; init; }

    /// <summary>
    /// Files whose ingestion failed on our side (a defect, not the file), each as "name (reason)": recorded as failed
    /// in Submissions, retried by the next run.
    /// </summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Rows of indicators (workshop × quarter) computed.</summary>
    public required int IndicatorRows { get; init; }

    /// <summary>
    /// Returns expected up to <see cref="AsOf"/>, those received (accepted), on time, and received at a time that was lost
    /// (<see cref="Analytics.Indicators.ReceiptTimes"/>: neither on time nor late).
    /// </summary>
    public required (int Expected, int Received, int OnTime, int TimeUnknown) Completeness { get; init; }

    /// <summary>
    /// Workshops scored green, amber and red at <see cref="AsOf"/>, and what scored them: <see cref="Analytics.Risk.RiskSources"/>,
    /// with the training version in service (null before any training: the scorecard, uncalibrated).
    /// </summary>
    public required (int Green, int Amber, int Red, string Source, string? ModelVersion) Risk { get; init; }

    /// <summary>The source as one label: "scorecard", "runway" or "model", and the version ("model 20241001T040000Z").</summary>
    public string RiskSourceLabel => Risk.ModelVersion is { } version ? $"{Risk.Source} {version}" : Risk.Source;

    /// <summary>Alerts queued for the coaches.</summary>
    public required int AlertsQueued { get; init; }

    /// <summary>Alerts held back by the capacity per coach (listed in alerts/over_capacity.csv).</summary>
    public required int AlertsOverCapacity { get; init; }

    /// <summary>Why the stored registry was refused and which version served instead (French), or null.</summary>
    public string? RegistryRefusal { get; init; }

    /// <summary>Notices to workshops queued by this run's ingestion (rejections, warnings, receipts when asked).</summary>
    public int NoticesQueued { get; init; }

    /// <summary>The impact estimate in plain French, when an evaluation panel was present.</summary>
    public string? ImpactReading { get; init; }

    /// <summary>Time per stage, in order.</summary>
    public required IReadOnlyList<StageTiming> Stages { get; init; }

    /// <summary>The outputs written, as "container/name" (blobs), "table T" and "queue Q".</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>
    /// The same outputs where people find them, when the run was on folders: file and folder paths
    /// (<see cref="Storage.FolderLayout.PathOf"/>); null on an Azure account, where the storage names are the places.
    /// summary.json lists these when present.
    /// </summary>
    public IReadOnlyList<string>? OutputPaths { get; init; }

    /// <summary>The summary in French, for the person who ran it.</summary>
    public string ToFrenchText()
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Exécution trimestrielle jusqu'au {AsOf.ToFrench()} ({AsOf}) :");
        // What this run did, then what was done before it (an upload's own ingestion, or an earlier run).
        text.AppendLine(CultureInfo.InvariantCulture, $"- retours lus : {ReturnsRead} ; traités par cette exécution : {Counted(Accepted, "accepté")}, {Counted(Rejected, "refusé")}{(Failed.Count > 0 ? $", {Counted(Failed.Count, "en échec", plural: "en échec")}" : "")} ; déjà traités avant elle (au dépôt ou par une exécution précédente) : {Unchanged}");
        if (Failed.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- dépôts non traités à cause d'une erreur interne, repris à la prochaine exécution : {string.Join(", ", Failed)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- indicateurs calculés : {IndicatorRows} (manufacture × trimestre)");
        var rate = Completeness.Expected == 0 ? "" : string.Format(fr, " ({0:P1})", (double)Completeness.Received / Completeness.Expected);
        var timeliness = Completeness.TimeUnknown == 0
            ? $"dans les délais : {Completeness.OnTime}"
            : Completeness.TimeUnknown == Completeness.Received
                ? "dans les délais : inconnu, les dates de réception des fichiers ont été perdues (dossier copié ou exporté ?)"
                : $"dans les délais : {Completeness.OnTime}, date de réception perdue pour {Completeness.TimeUnknown} (ni à temps ni en retard)";
        text.AppendLine(CultureInfo.InvariantCulture, $"- retours attendus : {Completeness.Expected}, reçus : {Completeness.Received}{rate}, {timeliness}");
        var source = Analytics.Risk.RiskSources.French(Risk.Source) + (Risk.ModelVersion is { } version ? $", version {version}" : ", aucun entraînement en service");
        text.AppendLine(CultureInfo.InvariantCulture, $"- risque : {Risk.Red} rouge, {Risk.Amber} orange, {Risk.Green} vert (source : {source})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- alertes aux accompagnateurs : {AlertsQueued} en file{(AlertsOverCapacity > 0 ? $", {AlertsOverCapacity} retenues par la capacité par accompagnateur" : "")}");
        if (RegistryRefusal is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- registre refusé : {RegistryRefusal}");
        }

        if (NoticesQueued > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- avis aux manufactures (retour refusé ou à vérifier) : {NoticesQueued} en file");
        }

        if (ImpactReading is not null)
        {
            text.AppendLine("- effet estimé du dispositif : " + ImpactReading);
        }

        text.AppendLine("- durée par étape : " + string.Join(", ", Stages.Select(s => string.Format(fr, "{0} {1:0.0} s", s.Stage, s.Elapsed.TotalSeconds))));
        return text.ToString();
    }

    /// <summary>The summary as JSON (invariant, for machines); without timings, so that a rerun writes the same bytes.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        as_of = AsOf.ToString(),
        returns_read = ReturnsRead,
        accepted = Accepted,
        rejected = Rejected,
        unchanged = Unchanged,
        failed = Failed,
        indicator_rows = IndicatorRows,
        expected = Completeness.Expected,
        received = Completeness.Received,
        on_time = Completeness.OnTime,
        time_unknown = Completeness.TimeUnknown,
        risk = new { green = Risk.Green, amber = Risk.Amber, red = Risk.Red, source = RiskSourceLabel },
        alerts_queued = AlertsQueued,
        alerts_over_capacity = AlertsOverCapacity,
        notices_queued = NoticesQueued,
        registry_refusal = RegistryRefusal,
        impact_reading_fr = ImpactReading,
        outputs = OutputPaths ?? Outputs,
    }, JsonOptions);

    // French as is (é, not \u00E9; +1,3, not \u002B1,3): the file is read by people and JSON tools, never pasted
    // into HTML, so the relaxed encoder's only difference (HTML-sensitive characters left as they are) is harmless.
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"0 accepté", "1 accepté", "3 acceptés": French takes the singular up to one.</summary>
    private static string Counted(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count > 1 ? plural ?? singular + "s" : singular)}");
}
