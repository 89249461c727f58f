using System.Globalization;
using System.Text.RegularExpressions;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using S = Impact.Analytics.Returns.ReturnSchema;

namespace Impact.Analytics.Validation;

/// <summary>The outcome of validating one file: the report, and the return when accepted.</summary>
/// <param name="Report">The report (always).</param>
/// <param name="Return">The typed return when accepted, otherwise null.</param>
public sealed record ValidationResult(ValidationReport Report, QuarterlyReturn? Return);

/// <summary>
/// Checks a return against schema v1: keys, types and bounds of every field; cross-field rules;
/// the upload path; the registry and reporting window; implausible jumps from the previous quarter.
/// Errors reject; warnings accept and are shown. Pure: no clock, no I/O.
/// </summary>
public static partial class ReturnValidator
{
    /// <summary>Ratio between two consecutive quarters above which a value is flagged as an implausible jump.</summary>
    public const decimal JumpRatio = 10m;

    /// <summary>
    /// Validates an uploaded file: its format from <paramref name="fileName"/>'s extension, then its content.
    /// </summary>
    public static ValidationResult ValidateFile(ReadOnlySpan<byte> content, string fileName, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = ReturnFormats.FromFileName(fileName, out var finding);
        return format is { } f ? Validate(content, f, fileName, context) : Reject(fileName, null, finding!, context.Path);
    }

    /// <summary>A rejection decided before the content is read (bad path, unknown format, too large).</summary>
    public static ValidationResult Reject(string fileName, ReturnFormat? format, ValidationFinding finding, ReturnPath? path) =>
        new(new ValidationReport
        {
            WorkshopId = path?.WorkshopId,
            Quarter = path?.Quarter.ToString(),
            FileName = Path.GetFileName(fileName),
            Format = format,
            Status = ValidationStatus.Rejected,
            Findings = [finding],
        }, null);

    /// <summary>
    /// Reads and validates the bytes of a file in one step. A failure of a reader that no rule names is still a finding
    /// of this one file (<c>file.unreadable</c>), never an exception: one bad upload never stops a run.
    /// </summary>
    public static ValidationResult Validate(ReadOnlySpan<byte> content, ReturnFormat format, string fileName, ValidationContext context)
    {
        ReturnDocument document;
        try
        {
            document = ReturnReader.Read(content, format);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            ArgumentNullException.ThrowIfNull(context);
            return Reject(fileName, format, Findings.FileError("file.unreadable",
                "Le fichier n'a pas pu être lu (erreur inattendue du lecteur) ; il est conservé tel quel et l'équipe du dispositif peut l'examiner.",
                "Enregistrez-le à nouveau depuis le modèle et déposez-le une nouvelle fois ; si l'erreur persiste, signalez-la."), context.Path);
        }

        return Validate(document, fileName, context);
    }

    /// <summary>Validates a document read by <see cref="ReturnReader"/>.</summary>
    public static ValidationResult Validate(ReturnDocument document, string fileName, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<ValidationFinding>(document.Findings);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);

        if (!findings.Any(f => f.Severity == Severity.Error && f.Field is null))
        {
            var raw = CheckKeys(document, findings);
            foreach (var field in S.Fields)
            {
                values[field.Key] = CheckField(field, raw.GetValueOrDefault(field.Key), document.DecimalMark, findings);
            }

            CheckCrossFields(values, findings);
            CheckContext(values, context, findings);
        }

        var rejected = findings.Any(f => f.Severity == Severity.Error);
        var report = new ValidationReport
        {
            WorkshopId = context.Path?.WorkshopId ?? values.GetValueOrDefault(S.WorkshopId.Key) as string,
            Quarter = (context.Path?.Quarter ?? values.GetValueOrDefault(S.QuarterField.Key) as Quarter?)?.ToString(),
            FileName = Path.GetFileName(fileName),
            Format = document.Format,
            Status = rejected ? ValidationStatus.Rejected : ValidationStatus.Accepted,
            Findings = Sort(findings),
        };
        return new ValidationResult(report, rejected ? null : new QuarterlyReturn(values));
    }

    /// <summary>Duplicated and unknown keys; returns the raw value of each known key (first occurrence).</summary>
    private static Dictionary<string, string?> CheckKeys(ReturnDocument document, List<ValidationFinding> findings)
    {
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in document.Entries)
        {
            var key = entry.Key.Trim().ToLowerInvariant();
            if (!seen.Add(key))
            {
                findings.Add(Findings.KeyError("key.duplicate", entry.Key, entry.Value,
                    $"La clé « {ValidationFinding.Echo(entry.Key)} » apparaît plusieurs fois ({entry.Location}) : impossible de savoir quelle valeur retenir.",
                    "Gardez une seule fois chaque clé, avec la bonne valeur."));
                continue;
            }

            if (S.Find(key) is null)
            {
                var suggestion = Suggest(key);
                var hint = suggestion is null ? "" : $" Vouliez-vous dire « {suggestion} » ?";
                if (entry.Value is null)
                {
                    findings.Add(Findings.KeyWarning("key.unknown", entry.Key, null,
                        $"La clé « {ValidationFinding.Echo(entry.Key)} » ({entry.Location}) ne fait pas partie du schéma v1 ; elle est vide et a été ignorée.{hint}",
                        "Supprimez cette colonne ou corrigez sa clé."));
                }
                else
                {
                    findings.Add(Findings.KeyError("key.unknown", entry.Key, entry.Value,
                        $"La clé « {ValidationFinding.Echo(entry.Key)} » ({entry.Location}) ne fait pas partie du schéma v1 : sa valeur ne peut pas être rattachée à un champ.{hint}",
                        "Corrigez la clé pour qu'elle corresponde au modèle, ou supprimez-la."));
                }

                continue;
            }

            raw[key] = entry.Value;
        }

        return raw;
    }

    private static object? CheckField(ReturnField field, string? raw, DecimalMark mark, List<ValidationFinding> findings)
    {
        if (raw is null)
        {
            if (field.Required)
            {
                findings.Add(Findings.Error("field.required", field, null,
                    "Champ obligatoire absent ou vide.",
                    field.IsNumeric ? $"Renseignez « {field.Label} » ; indiquez 0 si la valeur est nulle." : $"Renseignez « {field.Label} ». {field.Help}"));
            }

            return null;
        }

        var value = FieldValueParser.Parse(field, raw, mark, out var problem);
        if (problem is not null)
        {
            findings.Add(Findings.Error(problem.Rule, field, raw, problem.Message, problem.Fix));
            return null;
        }

        switch (value)
        {
            case int or decimal:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (field.Min is { } min && number < min)
                {
                    findings.Add(Findings.Error("field.min", field, raw,
                        $"La valeur ne peut pas être inférieure à {FormatNumber(min)}.",
                        min == 0 ? "Indiquez un nombre positif ou nul." : $"Indiquez une valeur d'au moins {FormatNumber(min)}."));
                    return null;
                }

                if (field.Max is { } max && number > max)
                {
                    findings.Add(Findings.Error("field.max", field, raw,
                        $"La valeur dépasse le maximum admis ({FormatNumber(max)} {field.Unit}).",
                        "Vérifiez l'unité et les zéros : la valeur porte sur un trimestre et une seule manufacture."));
                    return null;
                }

                if (field.PlausibleMax is { } plausible && number > plausible)
                {
                    findings.Add(Findings.Warning("field.plausible", field, raw,
                        $"Valeur inhabituellement élevée (au-delà de {FormatNumber(plausible)} {field.Unit}).",
                        "Vérifiez qu'il n'y a pas de zéro en trop ; si la valeur est exacte, expliquez-la dans les faits marquants."));
                }

                break;

            case string text when field.Kind == FieldKind.Text:
                if (field.MaxLength is { } maxLength && text.Length > maxLength)
                {
                    findings.Add(Findings.Error("field.length", field, text,
                        string.Create(CultureInfo.InvariantCulture, $"Le texte compte {text.Length} caractères ; le maximum est {maxLength}."),
                        "Raccourcissez le texte ; les détails peuvent être transmis à votre accompagnateur."));
                    return null;
                }

                if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                {
                    findings.Add(Findings.Error("field.control_chars", field, text,
                        "Le texte contient des caractères de contrôle invisibles.",
                        "Retapez le texte ou collez-le sans mise en forme."));
                    return null;
                }

                if (ActiveContentPattern().IsMatch(text))
                {
                    // Untrusted text is kept as it was written: every page encodes it and every export neutralises it,
                    // so the workshop is told how it will be shown rather than refused.
                    findings.Add(Findings.Warning("field.active_content", field, text,
                        "Le texte commence comme une formule de tableur (=, +, -, @) ou contient une balise HTML : il est enregistré tel quel et sera toujours affiché comme du texte, jamais exécuté.",
                        "Rien à corriger si c'est voulu ; sinon, retirez le signe en début de texte ou les caractères < > et envoyez le retour à nouveau."));
                }

                break;
        }

        return value;
    }

    private static void CheckCrossFields(Dictionary<string, object?> v, List<ValidationFinding> findings)
    {
        if (v[S.StaffFte.Key] is decimal fte && v[S.StaffHeadcount.Key] is int headcount && fte > headcount)
        {
            findings.Add(Findings.Error("cross.fte_le_headcount", S.StaffFte, FormatNumber(fte),
                $"L'effectif en ETP ({FormatNumber(fte)}) dépasse l'effectif salarié ({headcount}).",
                "Un salarié compte au plus pour 1 ETP : corrigez l'effectif ou les ETP."));
        }

        if (v[S.WorkspaceM2Occupied.Key] is decimal occupied && v[S.WorkspaceM2Total.Key] is decimal total && occupied > total)
        {
            findings.Add(Findings.Error("cross.occupied_le_total", S.WorkspaceM2Occupied, FormatNumber(occupied),
                $"La surface occupée ({FormatNumber(occupied)} m²) dépasse la surface totale ({FormatNumber(total)} m²).",
                "Corrigez l'une des deux surfaces."));
        }

        if (v[S.MachineHoursBooked.Key] is decimal booked && v[S.MachineHoursAvailable.Key] is decimal available && booked > available)
        {
            findings.Add(Findings.Error("cross.booked_le_available", S.MachineHoursBooked, FormatNumber(booked),
                $"Les heures-machines réservées ({FormatNumber(booked)} h) dépassent les heures disponibles ({FormatNumber(available)} h).",
                "Corrigez les heures réservées ou les heures disponibles."));
        }

        if (v[S.HostedEnterpriseJobs.Key] is int hostedJobs and > 0 && v[S.HostedEnterprises.Key] is 0)
        {
            findings.Add(Findings.Error("cross.hosted_jobs_without_enterprises", S.HostedEnterpriseJobs, hostedJobs.ToString(CultureInfo.InvariantCulture),
                "Des emplois d'entreprises hébergées sont déclarés alors qu'aucune entreprise n'est hébergée.",
                "Indiquez le nombre d'entreprises hébergées, ou 0 emploi hébergé."));
        }

        if (PremisesStatuses.HasEndDate(v[S.PremisesStatus.Key] as string) && v[S.LeaseEnd.Key] is null)
        {
            findings.Add(Findings.Warning("cross.lease_end_missing", S.LeaseEnd, null,
                "Les locaux sont loués ou occupés par convention, mais la date de fin n'est pas indiquée.",
                "Indiquez la date de fin du bail ou de la convention (AAAA-MM-JJ) : elle sert à anticiper les risques."));
        }
    }

    private static void CheckContext(Dictionary<string, object?> v, ValidationContext context, List<ValidationFinding> findings)
    {
        var workshopId = v[S.WorkshopId.Key] as string;
        var quarter = v[S.QuarterField.Key] as Quarter?;

        if (context.Path is { } path)
        {
            if (workshopId is not null && !string.Equals(workshopId, path.WorkshopId, StringComparison.Ordinal))
            {
                findings.Add(Findings.Error("path.workshop_mismatch", S.WorkshopId, workshopId,
                    $"Le fichier porte l'identifiant {workshopId} mais a été déposé dans le dossier de la manufacture {path.WorkshopId}.",
                    "Déposez le fichier dans le dossier de votre manufacture, ou corrigez l'identifiant dans le fichier."));
            }

            if (quarter is { } q && q != path.Quarter)
            {
                findings.Add(Findings.Error("path.quarter_mismatch", S.QuarterField, q.ToString(),
                    $"Le fichier déclare le trimestre {q} mais son nom indique {path.Quarter}.",
                    $"Renommez le fichier {q}.{path.Format.Extension()} ou corrigez le trimestre dans le fichier."));
            }
        }

        var expectedId = context.Path?.WorkshopId ?? workshopId;
        var expectedQuarter = context.Path?.Quarter ?? quarter;
        if (context.Today is { } today && expectedQuarter is { } future && future.FirstDay > today)
        {
            findings.Add(Findings.Error("quarter.future", S.QuarterField, future.ToString(),
                $"Le trimestre {future.ToFrench()} n'a pas encore commencé.",
                "Vérifiez l'année et le numéro du trimestre."));
        }

        if (context.Registry is { } registry && expectedId is not null)
        {
            var workshop = registry.Find(expectedId);
            if (workshop is null)
            {
                findings.Add(Findings.Error("registry.unknown_workshop", S.WorkshopId, expectedId,
                    $"L'identifiant {expectedId} ne figure pas au registre des manufactures de proximité.",
                    "Recopiez l'identifiant exact communiqué par le ministère ; en cas de doute, contactez votre accompagnateur."));
            }
            else if (expectedQuarter is { } q && !workshop.Expects(q, context.Reporting.FollowUpQuarters))
            {
                var (first, last) = workshop.ReportingWindow(context.Reporting.FollowUpQuarters);
                findings.Add(Findings.Error("registry.outside_window", S.QuarterField, q.ToString(),
                    $"Le trimestre {q.ToFrench()} est hors de la période de déclaration {Dashboard.FrenchPhrase.Of(workshop.Name)} ({first.ToFrench()} à {last.ToFrench()}).",
                    "Vérifiez le trimestre : les retours sont attendus du trimestre de labellisation à la fin du suivi."));
            }
        }

        if (context.Previous is { } previous)
        {
            CheckJumps(v, previous, findings);
        }
    }

    /// <summary>Warn when a key figure moved by a factor of ten or more since the previous quarter (a misplaced zero is the usual cause).</summary>
    private static void CheckJumps(Dictionary<string, object?> v, QuarterlyReturn previous, List<ValidationFinding> findings)
    {
        var ownRevenue = S.OwnRevenueFields.Select(f => v[f.Key]).OfType<decimal>().ToList();
        if (ownRevenue.Count == S.OwnRevenueFields.Count)
        {
            Jump(null, "Les recettes propres (total des sept recettes)", ownRevenue.Sum(), previous.OwnRevenue, 1000m, findings);
        }

        foreach (var (field, floor) in new[]
                 {
                     (S.OperatingSubsidies, 1000m), (S.OperatingExpenses, 1000m), (S.StaffHeadcount, 5m),
                     (S.HostedEnterprises, 5m), (S.Visitors, 100m), (S.WorkspaceM2Total, 50m),
                 })
        {
            if (v[field.Key] is { } current && previous.Values.GetValueOrDefault(field.Key) is { } before)
            {
                Jump(field, field.Label, Convert.ToDecimal(current, CultureInfo.InvariantCulture), Convert.ToDecimal(before, CultureInfo.InvariantCulture), floor, findings);
            }
        }
    }

    /// <summary>
    /// Flags a move by a factor of <see cref="JumpRatio"/> or more between two positive values, the larger
    /// of them at least <paramref name="floor"/> (small numbers move a lot without meaning anything).
    /// A move from or to zero has no ratio and is not flagged.
    /// </summary>
    private static void Jump(ReturnField? field, string what, decimal current, decimal before, decimal floor, List<ValidationFinding> findings)
    {
        if (current <= 0 || before <= 0 || Math.Max(current, before) < floor
            || (current / before < JumpRatio && before / current < JumpRatio))
        {
            return;
        }

        findings.Add(new ValidationFinding(Severity.Warning, "previous.jump", field?.Key, field?.Label, FormatNumber(current),
            $"{what} : {FormatNumber(before)} au trimestre précédent, {FormatNumber(current)} ce trimestre, un écart d'un facteur 10 ou plus.",
            "Vérifiez l'unité et les zéros ; si la valeur est exacte, expliquez l'évolution dans les faits marquants."));
    }

    private static List<ValidationFinding> Sort(List<ValidationFinding> findings)
    {
        var order = S.Fields.Select((f, i) => (f.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        return
        [
            .. findings
                .Select((f, i) => (Finding: f, Index: i))
                .OrderBy(x => x.Finding.Severity)
                .ThenBy(x => x.Finding.Field is null ? -1 : order.GetValueOrDefault(x.Finding.Field, int.MaxValue))
                .ThenBy(x => x.Index)
                .Select(x => x.Finding),
        ];
    }

    /// <summary>The closest schema key by edit distance, when close enough to be a typo.</summary>
    private static string? Suggest(string key)
    {
        var best = S.Fields
            .Select(f => (f.Key, Distance: EditDistance(key, f.Key)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .First();
        return best.Distance <= Math.Max(2, key.Length / 4) ? best.Key : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>French number format for messages: 1 234,5.</summary>
    internal static string FormatNumber(decimal value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>
    /// Spreadsheet formulas (a leading =, @, or + / - glued to a letter, '=' or '(', or followed later by a
    /// DDE pipe or a function call such as "-2+3+cmd|' /C calc'!A0"; a leading tab or CR)
    /// and HTML tags (&lt;script, &lt;/b, &lt;!--). Prose such as "- baisse du CA" or "+5 % de visiteurs" is fine.
    /// </summary>
    [GeneratedRegex(@"^[\t\r]|^\s*([=@]|[+\-][=(A-Za-z]|[+\-].*(\||[A-Za-z]\())|<\s*/?\s*[A-Za-z!?]", RegexOptions.CultureInvariant)]
    private static partial Regex ActiveContentPattern();
}
