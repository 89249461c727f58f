using System.Text;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Returns.Reading;

/// <summary>
/// Reads a return file of any accepted format into a <see cref="ReturnDocument"/>.
/// Content is untrusted: every problem becomes a finding; nothing here throws on bad bytes.
/// </summary>
public static class ReturnReader
{
    /// <summary>
    /// Largest return accepted: 1 MiB. A filled template weighs about 10 KiB (XLSX) or 2 KiB (CSV);
    /// the limit leaves room for a long narrative and styled spreadsheets, and refuses anything else
    /// before it is read whole.
    /// </summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252, the encoding of CSV files saved by Excel on French Windows.</summary>
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes of <paramref name="content"/> and parses them.</summary>
    public static async Task<ReturnDocument> ReadAsync(Stream content, ReturnFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
               && (read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return Read(buffer.AsSpan(0, length), format);
    }

    /// <summary>Parses the bytes of a return file.</summary>
    public static ReturnDocument Read(ReadOnlySpan<byte> content, ReturnFormat format)
    {
        if (content.Length > MaxBytes)
        {
            return ReturnDocument.Unreadable(format, TooLarge());
        }

        if (IsBlank(content))
        {
            return ReturnDocument.Unreadable(format, Findings.FileError("file.empty",
                "Le fichier est vide.",
                "Remplissez le modèle (impact template) puis envoyez-le à nouveau."));
        }

        return format switch
        {
            ReturnFormat.Xlsx => XlsxReturnReader.Read(content),
            ReturnFormat.Csv or ReturnFormat.Json => ReadText(content, format),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected csv, xlsx or json."),
        };
    }

    /// <summary>The finding for a file over <see cref="MaxBytes"/>.</summary>
    public static ValidationFinding TooLarge() => Findings.FileError("file.too_large",
        $"Le fichier dépasse la taille maximale de {MaxBytes / 1024} Kio (1 Mio) : un retour trimestriel tient en quelques kilo-octets.",
        "Envoyez uniquement le modèle rempli pour un trimestre, sans image ni onglet supplémentaire.");

    private static ReturnDocument ReadText(ReadOnlySpan<byte> content, ReturnFormat format)
    {
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return ReturnDocument.Unreadable(format, Findings.FileError("file.binary",
                "Le fichier est un classeur (XLSX ou ZIP), pas un fichier texte.",
                "Envoyez-le avec l'extension .xlsx, ou enregistrez-le au format CSV (UTF-8)."));
        }

        if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return ReturnDocument.Unreadable(format, Findings.FileError("file.encoding",
                "Le fichier est encodé en UTF-16, un encodage non pris en charge.",
                "Enregistrez-le en « CSV UTF-8 » (ou en JSON UTF-8) puis envoyez-le à nouveau."));
        }

        if (content.Contains((byte)0))
        {
            return ReturnDocument.Unreadable(format, Binary());
        }

        var text = Decode(content, format, out var encodingFinding);
        if (text is null)
        {
            return ReturnDocument.Unreadable(format, encodingFinding!);
        }

        if (CountControlCharacters(text) > 0)
        {
            return ReturnDocument.Unreadable(format, Binary());
        }

        return format == ReturnFormat.Csv ? CsvReturnReader.Read(text) : JsonReturnReader.Read(text);
    }

    private static string? Decode(ReadOnlySpan<byte> content, ReturnFormat format, out ValidationFinding? finding)
    {
        finding = null;
        var body = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            if (format == ReturnFormat.Csv && !content.StartsWith("\uFEFF"u8))
            {
                // Not UTF-8: CSV files saved by Excel on French Windows are Windows-1252 (DOMAIN.md).
                return Windows1252.GetString(body);
            }

            finding = Findings.FileError("file.encoding",
                format == ReturnFormat.Json
                    ? "Le fichier JSON n'est pas encodé en UTF-8."
                    : "Le fichier annonce l'encodage UTF-8 mais contient des caractères invalides.",
                "Enregistrez le fichier en UTF-8 puis envoyez-le à nouveau.");
            return null;
        }
    }

    private static ValidationFinding Binary() => Findings.FileError("file.binary",
        "Le fichier contient des données binaires illisibles : ce n'est pas un retour au format attendu.",
        "Envoyez le modèle rempli au format CSV, XLSX ou JSON (impact template en fournit un).");

    private static bool IsBlank(ReadOnlySpan<byte> content)
    {
        var body = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Control characters other than tab, CR and LF: a sign of binary content or a wrong encoding.</summary>
    private static int CountControlCharacters(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                count++;
            }
        }

        return count;
    }
}
