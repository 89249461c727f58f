using System.Globalization;

namespace Impact.Analytics.Csv;

/// <summary>
/// Neutralises spreadsheet formula injection in downloads (OWASP "CSV injection"): a text cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be run as a formula by a spreadsheet, so
/// it is prefixed with an apostrophe, which spreadsheets show as text. A plain number (<c>-0.05</c>) is data, not a
/// formula, and is left as it is so that the files stay machine-readable.
/// </summary>
public static class FormulaGuard
{
    /// <summary>The cell, prefixed with an apostrophe when a spreadsheet would read it as a formula.</summary>
    public static string? Neutralise(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(cell)
            ? "'" + cell
            : cell;

    private static bool IsPlainNumber(string cell) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
