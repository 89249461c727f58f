using Impact.Analytics.Csv;
using System.Globalization;

namespace Impact.Analytics.Evaluation;

/// <summary>
/// evaluation/att.csv and evaluation/event_study.csv, in the dialect of every machine-readable output
/// (',' delimited, '.' decimals, invariant culture, LF, no BOM): estimates rounded to 6 decimals.
/// </summary>
public static class EvaluationCsv
{
    /// <summary>The columns of att.csv: ATT(g,t) with its standard error and 95% interval, then e = t − g and the units in the cell.</summary>
    public static IReadOnlyList<string> AttColumns { get; } = ["g", "t", "att", "se", "ci_low", "ci_high", "e", "n_treated", "n_control"];

    /// <summary>The columns of event_study.csv: the effect e quarters after labelling, its pointwise interval and the simultaneous band.</summary>
    public static IReadOnlyList<string> EventStudyColumns { get; } = ["e", "estimate", "se", "ci_low", "ci_high", "band_low", "band_high", "groups", "n_treated"];

    /// <summary>att.csv: one row per group-time cell, sorted by g then t; g and t are quarters (<c>2022-Q1</c>).</summary>
    public static string WriteAtt(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CsvTable.Write(AttColumns, result.GroupTime.Select(c => (IReadOnlyList<string?>)
        [
            c.Group.ToString(), c.Quarter.ToString(), Format(c.Att), Format(c.Se), Format(c.CiLow), Format(c.CiHigh),
            CsvTable.Format(c.EventTime), CsvTable.Format(c.TreatedUnits), CsvTable.Format(c.ControlUnits),
        ]));
    }

    /// <summary>event_study.csv: one row per event time e, sorted by e (leads first; e = −1 is 0).</summary>
    public static string WriteEventStudy(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CsvTable.Write(EventStudyColumns, result.EventStudy.Select(p => (IReadOnlyList<string?>)
        [
            CsvTable.Format(p.EventTime), Format(p.Estimate), Format(p.Se), Format(p.CiLow), Format(p.CiHigh),
            Format(p.BandLow), Format(p.BandHigh), CsvTable.Format(p.Groups), CsvTable.Format(p.TreatedUnits),
        ]));
    }

    /// <summary>A number rounded to 6 decimals, shortest invariant form, never "-0".</summary>
    internal static string Format(double value)
    {
        var rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
