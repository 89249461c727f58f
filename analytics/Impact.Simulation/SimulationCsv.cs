using System.Text;

namespace Impact.Simulation;

/// <summary>CSV rows for the simulated files: RFC 4180 quoting, a chosen delimiter and line ending.</summary>
internal static class SimulationCsv
{
    /// <summary>Appends one row; a cell is quoted when it holds the delimiter, a quote or a line break.</summary>
    public static void AppendRow(StringBuilder text, char delimiter, string newLine, IEnumerable<string?> cells)
    {
        var firstCell = true;
        foreach (var cell in cells)
        {
            if (!firstCell)
            {
                text.Append(delimiter);
            }

            firstCell = false;
            var value = cell ?? "";
            if (value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
                || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append(newLine);
    }

    /// <summary>Appends one ',' delimited row ending with '\n' (machine-readable files, ARCHITECTURE.md).</summary>
    public static void AppendRow(StringBuilder text, params IEnumerable<string?> cells) => AppendRow(text, ',', "\n", cells);
}
