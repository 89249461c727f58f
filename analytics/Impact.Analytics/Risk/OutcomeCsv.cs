using Impact.Analytics.Csv;
using System.Globalization;

namespace Impact.Analytics.Risk;

/// <summary>
/// The ministry's recorded outcomes, <c>registry/outcomes.csv</c> (DOMAIN.md): a header
/// <c>workshop_id,quarter,event,note</c>, ',' delimited, UTF-8 (a BOM is tolerated), quarters written <c>2024-Q3</c>,
/// events <c>closed</c>, <c>distress</c> or <c>recovered</c>. The file is maintained by the ministry, so a
/// malformed one is an operational error (<see cref="ImpactException"/>, in French), not a finding.
/// </summary>
public static class OutcomeCsv
{
    private const string FileName = "outcomes.csv";

    /// <summary>The columns of outcomes.csv, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["workshop_id", "quarter", "event", "note"];

    /// <summary>
    /// Reads outcomes.csv: every row, in file order (extra columns are ignored, rows with every cell empty are skipped).
    /// </summary>
    /// <exception cref="ImpactException">
    /// The text is empty, a column is missing, or a row has an empty workshop, an unreadable quarter or an unknown event;
    /// the message names the line and the column, in French.
    /// </exception>
    public static IReadOnlyList<OutcomeRecord> Read(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var outcomes = new List<OutcomeRecord>();
        foreach (var (line, cells) in CsvTable.Read(csvText, Columns, FileName))
        {
            var workshopId = cells["workshop_id"].Trim();
            var quarterText = cells["quarter"].Trim();
            var eventText = cells["event"].Trim();
            var note = cells["note"].Trim();
            if (workshopId.Length == 0 && quarterText.Length == 0 && eventText.Length == 0 && note.Length == 0)
            {
                continue;
            }

            if (workshopId.Length == 0)
            {
                throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                    $"{FileName} : ligne {line}, colonne workshop_id : l'identifiant de la manufacture est vide."));
            }

            if (!Quarter.TryParse(quarterText, out var quarter))
            {
                throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                    $"{FileName} : ligne {line}, colonne quarter : valeur « {quarterText} » invalide, un trimestre est attendu (par exemple 2024-Q3)."));
            }

            var outcomeEvent = OutcomeRecord.Events.FirstOrDefault(e => string.Equals(e, eventText, StringComparison.OrdinalIgnoreCase))
                ?? throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                    $"{FileName} : ligne {line}, colonne event : valeur « {eventText} » invalide, attendu : {string.Join(", ", OutcomeRecord.Events)}."));
            outcomes.Add(new OutcomeRecord(workshopId, quarter, outcomeEvent, note));
        }

        return outcomes;
    }
}
