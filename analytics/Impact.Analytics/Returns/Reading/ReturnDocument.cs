using Impact.Analytics.Validation;

namespace Impact.Analytics.Returns.Reading;

/// <summary>How decimals are written in a file.</summary>
public enum DecimalMark
{
    /// <summary><c>1234.5</c> (comma-delimited CSV, JSON).</summary>
    Point,

    /// <summary><c>1234,5</c> or <c>1 234,5</c> (semicolon-delimited CSV).</summary>
    Comma,

    /// <summary>Either, when only one of them appears (text typed into XLSX cells).</summary>
    Either,
}

/// <summary>One key and its raw text value as found in a file, with where it was found (in French).</summary>
/// <param name="Key">The key as written (trimmed).</param>
/// <param name="Value">The raw value, or null when the cell is empty.</param>
/// <param name="Location">Where it is, e.g. "colonne 7" or "ligne 12", for messages.</param>
public sealed record RawEntry(string Key, string? Value, string Location);

/// <summary>
/// A return as read from a file, before validation: raw keys and values, plus the findings that
/// prevented reading (empty, binary, too large, malformed). Reading never throws on bad content.
/// </summary>
/// <param name="Format">The file format.</param>
/// <param name="DecimalMark">How decimals are written in this file.</param>
/// <param name="Entries">Every key found, in file order, duplicates and unknown keys included.</param>
/// <param name="Findings">Problems with the file itself; any error here rejects the return.</param>
public sealed record ReturnDocument(
    ReturnFormat Format,
    DecimalMark DecimalMark,
    IReadOnlyList<RawEntry> Entries,
    IReadOnlyList<ValidationFinding> Findings)
{
    /// <summary>A document that could not be read, with the reason.</summary>
    public static ReturnDocument Unreadable(ReturnFormat format, ValidationFinding finding) =>
        new(format, DecimalMark.Point, [], [finding]);
}
