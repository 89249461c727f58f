using System.Globalization;
using nietras.SeparatedValues;

namespace Impact.Analytics.Evaluation;

/// <summary>
/// Reads evaluation/panel.csv: UTF-8 text (a BOM is ignored), ',' delimited, '.' decimals, a header with
/// <c>unit_id</c>, <c>quarter</c> (<c>2024-Q3</c>), <c>first_treated_quarter</c> (empty for a never-treated unit) and
/// any number of outcome columns. A column besides those three is an outcome when its cells are numbers (an empty cell
/// is a missing value); a column with no number at all (a name, a region) is ignored; a column that mixes numbers and
/// other text is an error, since a typing error must not silently drop an outcome.
/// </summary>
public static class PanelCsv
{
    /// <summary>The unit identifier column.</summary>
    public const string UnitIdColumn = "unit_id";

    /// <summary>The quarter column.</summary>
    public const string QuarterColumn = "quarter";

    /// <summary>The first treated quarter column (empty for never treated).</summary>
    public const string FirstTreatedColumn = "first_treated_quarter";

    private const int MaxProblemsShown = 20;

    /// <summary>Reads the panel.</summary>
    /// <param name="csvText">The file's text.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <exception cref="ImpactException">The file is malformed; the French message lists the problems (up to 20) with their lines.</exception>
    public static Panel Read(string csvText, string fileName = "panel.csv")
    {
        ArgumentNullException.ThrowIfNull(csvText);
        ArgumentNullException.ThrowIfNull(fileName);
        var text = csvText.TrimStart('\uFEFF');
        if (text.Trim().Length == 0)
        {
            throw new ImpactException($"{fileName} : fichier vide ; l'en-tête est attendu ({UnitIdColumn},{QuarterColumn},{FirstTreatedColumn} et au moins une colonne de résultat numérique).");
        }

        // Duplicated names are checked on the raw first line: Sep refuses them with an exception of its own.
        var firstLine = text.AsSpan(0, text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? end : text.Length).TrimEnd('\r');
        CheckHeader([.. firstLine.ToString().Split(',').Select(c => c.Trim().Trim('"'))], fileName);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromText(text);
        var header = reader.Header.ColNames.Select(c => c.Trim()).ToList();
        var unitColumn = header.IndexOf(UnitIdColumn);
        var quarterColumn = header.IndexOf(QuarterColumn);
        var treatedColumn = header.IndexOf(FirstTreatedColumn);
        var candidates = Enumerable.Range(0, header.Count).Where(c => c != unitColumn && c != quarterColumn && c != treatedColumn).ToList();

        var problems = new List<string>();
        var rows = new List<(string Unit, Quarter Quarter, int Line)>();
        var values = candidates.Select(_ => new List<double>()).ToList();
        var numericCells = new int[candidates.Count];
        var firstInvalid = new (int Line, string Raw)?[candidates.Count];
        var treatment = new Dictionary<string, (Quarter? Group, int Line)>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, Quarter), int>();
        var line = 1;
        foreach (var row in reader)
        {
            line++;
            if (row.ColCount != header.Count)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : {row.ColCount} cellules pour {header.Count} colonnes"));
                continue;
            }

            var unit = row[unitColumn].ToString().Trim();
            var quarterText = row[quarterColumn].ToString().Trim();
            var groupText = row[treatedColumn].ToString().Trim();
            var ok = true;
            if (unit.Length == 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : {UnitIdColumn} vide"));
                ok = false;
            }

            if (!Quarter.TryParse(quarterText, out var quarter))
            {
                problems.Add(InvalidQuarter(line, QuarterColumn, quarterText));
                ok = false;
            }

            Quarter? group = null;
            if (groupText.Length > 0)
            {
                if (Quarter.TryParse(groupText, out var parsed))
                {
                    group = parsed;
                }
                else
                {
                    problems.Add(InvalidQuarter(line, FirstTreatedColumn, groupText));
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            if (treatment.TryGetValue(unit, out var known))
            {
                if (known.Group != group)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"ligne {line} : l'unité {unit} a {FirstTreatedColumn} {Describe(group)} mais {Describe(known.Group)} à la ligne {known.Line} (une unité n'a qu'un trimestre de première labellisation)"));
                    continue;
                }
            }
            else
            {
                treatment.Add(unit, (group, line));
            }

            if (!seen.TryAdd((unit, quarter), line))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : l'unité {unit} a déjà une ligne pour {quarter} (ligne {seen[(unit, quarter)]})"));
                continue;
            }

            for (var k = 0; k < candidates.Count; k++)
            {
                var raw = row[candidates[k]].ToString().Trim();
                var value = double.NaN;
                if (raw.Length > 0)
                {
                    if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    {
                        value = number;
                        numericCells[k]++;
                    }
                    else
                    {
                        firstInvalid[k] ??= (line, raw);
                    }
                }

                values[k].Add(value);
            }

            rows.Add((unit, quarter, line));
        }

        var outcomes = new List<int>();
        for (var k = 0; k < candidates.Count; k++)
        {
            if (numericCells[k] == 0)
            {
                continue; // a text column (or an empty one): not an outcome
            }

            if (firstInvalid[k] is { } invalid)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"ligne {invalid.Line}, colonne {header[candidates[k]]} : valeur « {invalid.Raw} » invalide, un nombre est attendu (point décimal, par exemple 4.25) ou une cellule vide"));
            }
            else
            {
                outcomes.Add(k);
            }
        }

        if (problems.Count > 0)
        {
            throw new ImpactException($"{fileName} illisible : " + string.Join(" ; ", problems.Take(MaxProblemsShown))
                + (problems.Count > MaxProblemsShown ? string.Create(CultureInfo.InvariantCulture, $" ; et {problems.Count - MaxProblemsShown} autres.") : "."));
        }

        if (rows.Count == 0)
        {
            throw new ImpactException($"{fileName} : aucune ligne de données sous l'en-tête.");
        }

        if (outcomes.Count == 0)
        {
            throw new ImpactException($"{fileName} : aucune colonne de résultat numérique (attendue en plus de {UnitIdColumn}, {QuarterColumn} et {FirstTreatedColumn}, par exemple salaried_headcount).");
        }

        return Build(rows, treatment, outcomes.Select(k => (header[candidates[k]], values[k])).ToList());
    }

    private static Panel Build(List<(string Unit, Quarter Quarter, int Line)> rows, Dictionary<string, (Quarter? Group, int Line)> treatment, List<(string Name, List<double> Values)> outcomes)
    {
        var units = treatment.Select(u => new PanelUnit(u.Key, u.Value.Group)).ToList();
        units.Sort((a, b) => string.CompareOrdinal(a.UnitId, b.UnitId));
        var unitIndex = new Dictionary<string, int>(units.Count, StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            unitIndex.Add(units[i].UnitId, i);
        }

        var first = rows.Min(r => r.Quarter);
        var quarters = rows.Max(r => r.Quarter).QuartersSince(first) + 1;
        var series = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, values) in outcomes)
        {
            var matrix = new double[units.Count * quarters];
            Array.Fill(matrix, double.NaN);
            for (var r = 0; r < rows.Count; r++)
            {
                matrix[(unitIndex[rows[r].Unit] * quarters) + rows[r].Quarter.QuartersSince(first)] = values[r];
            }

            series.Add(name, matrix);
        }

        return new Panel(units, first, quarters, [.. outcomes.Select(o => o.Name)], series, rows.Count);
    }

    private static void CheckHeader(List<string> header, string fileName)
    {
        var missing = new[] { UnitIdColumn, QuarterColumn, FirstTreatedColumn }.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            var hint = header.Count == 1 && header[0].Contains(';', StringComparison.Ordinal)
                ? " (le séparateur attendu est la virgule, pas le point-virgule)"
                : "";
            throw new ImpactException($"{fileName} : colonnes manquantes : {string.Join(", ", missing)}{hint}.");
        }

        var duplicated = header.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0)
        {
            throw new ImpactException($"{fileName} : colonnes en double dans l'en-tête : {string.Join(", ", duplicated)}.");
        }
    }

    private static string Describe(Quarter? group) => group is { } q ? $"« {q} »" : "vide";

    private static string InvalidQuarter(int line, string column, string raw) => string.Create(CultureInfo.InvariantCulture,
        $"ligne {line}, colonne {column} : valeur « {raw} » invalide, un trimestre AAAA-Qn est attendu (par exemple 2024-Q3)");
}
