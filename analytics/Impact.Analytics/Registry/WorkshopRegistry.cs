using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Impact.Analytics.Registry;

/// <summary>
/// The ministry's registry of workshops (registry/workshops.csv): read, looked up, written.
/// The file is maintained by the ministry, so a malformed one is an operational error
/// (<see cref="ImpactException"/> with every problem listed), not a workshop's finding.
/// </summary>
public sealed class WorkshopRegistry
{
    /// <summary>The columns of workshops.csv, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "workshop_id", "name", "region", "department", "commune_insee", "territory_type", "latitude", "longitude",
        "wave", "labelled_on", "support_start", "support_end", "grant_eur", "coach_id", "coach_email",
        "target_jobs", "target_own_revenue_share", "legal_form",
    ];

    /// <summary>Columns that may be absent (a registry of schema v1 has none of them): <c>contact_email</c>, the workshop's address.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["contact_email"];

    private readonly Dictionary<string, Workshop> _byId;

    /// <summary>Creates a registry; identifiers must be unique.</summary>
    public WorkshopRegistry(IEnumerable<Workshop> workshops)
    {
        ArgumentNullException.ThrowIfNull(workshops);
        Workshops = [.. workshops.OrderBy(w => w.WorkshopId, StringComparer.Ordinal)];
        _byId = new Dictionary<string, Workshop>(StringComparer.Ordinal);
        foreach (var workshop in Workshops)
        {
            if (!_byId.TryAdd(workshop.WorkshopId, workshop))
            {
                throw new ImpactException($"Registre des manufactures : l'identifiant {workshop.WorkshopId} apparaît plusieurs fois.");
            }
        }
    }

    /// <summary>All workshops, sorted by identifier (ordinal).</summary>
    public IReadOnlyList<Workshop> Workshops { get; }

    /// <summary>The workshop with this identifier, or null.</summary>
    public Workshop? Find(string workshopId) => _byId.GetValueOrDefault(workshopId);

    /// <summary>Reads workshops.csv (UTF-8, ',' or ';' delimited, header of the <see cref="Columns"/>).</summary>
    /// <exception cref="ImpactException">The file is malformed; the message lists the problems in French.</exception>
    public static WorkshopRegistry Read(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var text = csvText.TrimStart('\uFEFF');
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal) is var n && n >= 0 ? n : text.Length));
        var separator = firstLine.Contains(';') ? ';' : ',';
        using var reader = Sep.New(separator).Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromText(text);
        var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImpactException($"Registre des manufactures : colonnes manquantes : {string.Join(", ", missing)}.");
        }

        var problems = new List<string>();
        var workshops = new List<Workshop>();
        var line = 1;
        foreach (var row in reader)
        {
            line++;
            var errorsBefore = problems.Count;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                cells[column] = row[column].ToString().Trim();
            }

            foreach (var column in OptionalColumns)
            {
                cells[column] = reader.Header.ColNames.Contains(column) ? row[column].ToString().Trim() : "";
            }

            string Text(string column) => cells[column];
            T Parse<T>(string column, Func<string, (bool Ok, T Value)> parser)
            {
                var raw = Text(column);
                var (ok, value) = parser(raw);
                if (!ok)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line}, colonne {column} : valeur « {raw} » invalide"));
                }

                return value;
            }

            if (Text("workshop_id").Length == 0)
            {
                continue;
            }

            var workshop = new Workshop
            {
                WorkshopId = Text("workshop_id"),
                Name = Text("name"),
                Region = Text("region"),
                Department = Text("department"),
                CommuneInsee = Text("commune_insee"),
                TerritoryType = Parse("territory_type", ParseTerritory),
                Latitude = Parse("latitude", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= -90 and <= 90, v)),
                Longitude = Parse("longitude", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= -180 and <= 180, v)),
                Wave = Parse("wave", s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1, v)),
                LabelledOn = Parse("labelled_on", ParseDate),
                SupportStart = Parse("support_start", ParseDate),
                SupportEnd = Parse("support_end", ParseDate),
                GrantEur = Parse("grant_eur", s => (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0, v)),
                CoachId = Text("coach_id"),
                CoachEmail = Text("coach_email"),
                ContactEmail = Parse("contact_email", s => s.Length == 0 ? (true, null) : (IsAddress(s), s)),
                TargetJobs = Parse("target_jobs", s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v), v)),
                TargetOwnRevenueShare = Parse("target_own_revenue_share", s => (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1, v)),
                LegalForm = Text("legal_form"),
            };
            if (problems.Count == errorsBefore && workshop.SupportEnd < workshop.SupportStart)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : support_end précède support_start"));
            }

            workshops.Add(workshop);
        }

        if (problems.Count > 0)
        {
            throw new ImpactException("Registre des manufactures illisible : " + string.Join(" ; ", problems.Take(20))
                + (problems.Count > 20 ? string.Create(CultureInfo.InvariantCulture, $" ; et {problems.Count - 20} autres.") : "."));
        }

        return new WorkshopRegistry(workshops);
    }

    /// <summary>Writes workshops.csv: UTF-8 without BOM, ',' delimited, invariant culture, sorted by identifier.</summary>
    public string ToCsv()
    {
        var builder = new StringBuilder();
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(builder))
        {
            foreach (var w in Workshops)
            {
                using var row = writer.NewRow();
                row["workshop_id"].Set(w.WorkshopId);
                row["name"].Set(w.Name);
                row["region"].Set(w.Region);
                row["department"].Set(w.Department);
                row["commune_insee"].Set(w.CommuneInsee);
                row["territory_type"].Set(FormatTerritory(w.TerritoryType));
                row["latitude"].Set(w.Latitude.ToString("0.#####", CultureInfo.InvariantCulture));
                row["longitude"].Set(w.Longitude.ToString("0.#####", CultureInfo.InvariantCulture));
                row["wave"].Set(w.Wave.ToString(CultureInfo.InvariantCulture));
                row["labelled_on"].Set(FormatDate(w.LabelledOn));
                row["support_start"].Set(FormatDate(w.SupportStart));
                row["support_end"].Set(FormatDate(w.SupportEnd));
                row["grant_eur"].Set(w.GrantEur.ToString("0.##", CultureInfo.InvariantCulture));
                row["coach_id"].Set(w.CoachId);
                row["coach_email"].Set(w.CoachEmail);
                row["target_jobs"].Set(w.TargetJobs.ToString(CultureInfo.InvariantCulture));
                row["target_own_revenue_share"].Set(w.TargetOwnRevenueShare.ToString("0.###", CultureInfo.InvariantCulture));
                row["legal_form"].Set(w.LegalForm);
                row["contact_email"].Set(w.ContactEmail ?? "");
            }
        }

        return builder.ToString();
    }

    /// <summary>The registry key of a territory type: rural, qpv, small_town, urban.</summary>
    public static string FormatTerritory(TerritoryType type) => type switch
    {
        TerritoryType.Rural => "rural",
        TerritoryType.Qpv => "qpv",
        TerritoryType.SmallTown => "small_town",
        TerritoryType.Urban => "urban",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown territory type."),
    };

    private static (bool, TerritoryType) ParseTerritory(string s) => s.ToUpperInvariant() switch
    {
        "RURAL" => (true, TerritoryType.Rural),
        "QPV" => (true, TerritoryType.Qpv),
        "SMALL_TOWN" => (true, TerritoryType.SmallTown),
        "URBAN" => (true, TerritoryType.Urban),
        _ => (false, TerritoryType.Rural),
    };

    /// <summary>Whether <paramref name="text"/> is one plain e-mail address (no display name, no list): <c>contact@atelier.fr</c>.</summary>
    public static bool IsAddress(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && address.DisplayName.Length == 0
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static (bool, DateOnly) ParseDate(string s) =>
        (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d), d);

    private static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
