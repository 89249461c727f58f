namespace Impact.Analytics.Returns;

/// <summary>The file formats a return may come in (DOMAIN.md).</summary>
public enum ReturnFormat
{
    /// <summary>A header row of keys and one data row; ',' or ';' delimited.</summary>
    Csv,

    /// <summary>The XLSX template: one row per field, keys in a column, values beside them.</summary>
    Xlsx,

    /// <summary>A JSON object of keys.</summary>
    Json,
}

/// <summary>File extensions and content types of <see cref="ReturnFormat"/>.</summary>
public static class ReturnFormats
{
    /// <summary>The format for a file extension (with or without the dot, any case), or null.</summary>
    public static ReturnFormat? FromExtension(string extension) =>
        extension.TrimStart('.').ToUpperInvariant() switch
        {
            "CSV" => ReturnFormat.Csv,
            "XLSX" => ReturnFormat.Xlsx,
            "JSON" => ReturnFormat.Json,
            _ => null,
        };

    /// <summary>
    /// The format of a file from its name's extension; null and a French finding when it is not
    /// .csv, .xlsx or .json.
    /// </summary>
    public static ReturnFormat? FromFileName(string fileName, out Validation.ValidationFinding? finding)
    {
        var format = FromExtension(System.IO.Path.GetExtension(fileName));
        finding = format is null
            ? new Validation.ValidationFinding(Validation.Severity.Error, "file.format", null, null,
                Validation.ValidationFinding.Echo(System.IO.Path.GetFileName(fileName)),
                "Format de fichier non accepté : seuls les fichiers .csv, .xlsx et .json sont lus.",
                "Enregistrez le retour au format CSV, XLSX ou JSON à partir du modèle (impact template).")
            : null;
        return format;
    }

    /// <summary>The lower-case extension without a dot.</summary>
    public static string Extension(this ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => "csv",
        ReturnFormat.Xlsx => "xlsx",
        ReturnFormat.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected csv, xlsx or json."),
    };

    /// <summary>The MIME content type.</summary>
    public static string ContentType(this ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => "text/csv; charset=utf-8",
        ReturnFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ReturnFormat.Json => "application/json; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected csv, xlsx or json."),
    };
}
