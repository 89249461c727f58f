using Impact.Analytics.Csv;
namespace Impact.Analytics.Indicators;

/// <summary>
/// indicators/completeness.csv and indicators/missing_returns.csv, in the dialect of indicators.csv
/// (',' delimited, '.' decimals, invariant culture, empty cell for a null, LF, no BOM; dates yyyy-MM-dd,
/// booleans true/false).
/// </summary>
public static class CompletenessCsv
{
    /// <summary>The columns of completeness.csv, in file order.</summary>
    public static IReadOnlyList<string> RowColumns { get; } =
        ["dimension", "group", "quarter", "expected", "received", "on_time", "late", "missing", "completeness_rate", "timeliness_rate", "time_unknown"];

    /// <summary>The columns of missing_returns.csv, in file order.</summary>
    public static IReadOnlyList<string> MissingColumns { get; } =
        ["quarter", "workshop_id", "workshop_name", "coach_id", "coach_email", "deadline", "rejected_submission"];

    /// <summary>The CSV text of <paramref name="rows"/>, in the order given.</summary>
    public static string WriteRows(IEnumerable<CompletenessRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTable.Write(RowColumns, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Dimension, r.Group, r.Quarter.ToString(), CsvTable.Format(r.Expected), CsvTable.Format(r.Received),
            CsvTable.Format(r.OnTime), CsvTable.Format(r.Late), CsvTable.Format(r.Missing),
            CsvTable.Format(r.CompletenessRate), CsvTable.Format(r.TimelinessRate), CsvTable.Format(r.TimeUnknown),
        ]));
    }

    /// <summary>The CSV text of <paramref name="missing"/>, in the order given.</summary>
    public static string WriteMissing(IEnumerable<MissingReturn> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return CsvTable.Write(MissingColumns, missing.Select(m => (IReadOnlyList<string?>)
        [
            m.Quarter.ToString(), m.WorkshopId, m.WorkshopName, m.CoachId, m.CoachEmail,
            CsvTable.Format(m.Deadline), CsvTable.Format(m.RejectedSubmission),
        ]));
    }
}
