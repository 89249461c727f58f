using System.Globalization;
using Impact.Analytics.Validation;
using nietras.SeparatedValues;

namespace Impact.Analytics.Returns.Reading;

/// <summary>
/// CSV returns: optional leading comment lines starting with '#' (the template's labels and help),
/// a header row of keys, and exactly one data row. The delimiter is ',' or ';' (read from the header);
/// with ';' decimals are written with a comma, as French spreadsheets do.
/// </summary>
internal static class CsvReturnReader
{
    public static ReturnDocument Read(string text)
    {
        var body = SkipCommentLines(text);
        var headerEnd = body.IndexOfAny(['\r', '\n']);
        var headerLine = headerEnd < 0 ? body : body[..headerEnd];
        var separator = headerLine.Contains(';', StringComparison.Ordinal) ? ';'
            : headerLine.Contains(',', StringComparison.Ordinal) ? ','
            : headerLine.Contains('\t', StringComparison.Ordinal) ? '\t'
            : ';';
        var mark = separator == ';' ? DecimalMark.Comma : DecimalMark.Point;

        var rows = ReadRows(body, separator);
        if (rows.Count == 0 || rows[0].All(string.IsNullOrWhiteSpace))
        {
            return ReturnDocument.Unreadable(ReturnFormat.Csv, Findings.FileError("csv.no_header",
                "Le fichier CSV n'a pas de ligne d'en-tête avec les clés des champs.",
                "Repartez du modèle CSV : la première ligne (hors lignes « # ») contient les clés, la deuxième les valeurs."));
        }

        var header = rows[0];
        var dataRows = rows.Skip(1).Where(r => !r.All(string.IsNullOrWhiteSpace)).ToList();
        var findings = new List<ValidationFinding>();
        if (dataRows.Count == 0)
        {
            findings.Add(Findings.FileError("csv.no_data_row",
                "Le fichier CSV contient l'en-tête mais aucune ligne de valeurs : il est peut-être tronqué.",
                "Saisissez les valeurs du trimestre sur la ligne qui suit l'en-tête."));
            return new ReturnDocument(ReturnFormat.Csv, mark, [], findings);
        }

        if (dataRows.Count > 1)
        {
            findings.Add(Findings.FileError("csv.extra_rows",
                string.Create(CultureInfo.InvariantCulture, $"Le fichier CSV contient {dataRows.Count} lignes de valeurs ; un retour porte sur un seul trimestre d'une seule manufacture."),
                "Envoyez un fichier par trimestre, avec une seule ligne de valeurs sous l'en-tête."));
        }

        var data = dataRows[0];
        if (data.Count < header.Count || HasUnclosedQuote(text))
        {
            findings.Add(Findings.FileError("csv.truncated",
                string.Create(CultureInfo.InvariantCulture, $"Le fichier CSV semble tronqué : l'en-tête compte {header.Count} colonnes mais la ligne de valeurs n'en compte que {data.Count}, ou un guillemet n'est pas refermé."),
                "Vérifiez que le fichier a été enregistré entièrement (aucune colonne manquante) puis envoyez-le à nouveau."));
        }

        var entries = new List<RawEntry>(header.Count);
        for (var i = 0; i < Math.Max(header.Count, data.Count); i++)
        {
            var key = i < header.Count ? header[i].Trim() : "";
            var value = i < data.Count ? data[i] : null;
            var location = string.Create(CultureInfo.InvariantCulture, $"colonne {i + 1}");
            if (key.Length == 0)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    findings.Add(Findings.FileError("csv.value_without_key",
                        $"Une valeur ({location}) n'a pas de clé dans l'en-tête.",
                        "Supprimez la valeur en trop, ou ajoutez la clé correspondante dans l'en-tête."));
                }

                continue;
            }

            entries.Add(new RawEntry(key, string.IsNullOrWhiteSpace(value) ? null : value.Trim(), location));
        }

        return new ReturnDocument(ReturnFormat.Csv, mark, entries, findings);
    }

    private static string SkipCommentLines(string text)
    {
        var position = 0;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            var line = lineEnd < 0 ? text.AsSpan(position) : text.AsSpan(position, lineEnd - position);
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] != '#' && !trimmed.TrimEnd().IsEmpty)
            {
                break;
            }

            if (lineEnd < 0)
            {
                return "";
            }

            position = lineEnd + 1;
        }

        return text[position..];
    }

    private static List<List<string>> ReadRows(string body, char separator)
    {
        var rows = new List<List<string>>();
        using var reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
        }).FromText(body);
        foreach (var row in reader)
        {
            var cells = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                cells.Add(row[i].ToString());
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>An odd number of quote characters means a quoted value was cut off.</summary>
    private static bool HasUnclosedQuote(string text) => text.Count(c => c == '"') % 2 != 0;
}
