using System.Text;

namespace Impact.Analytics.Evaluation;

/// <summary>One output file of an evaluation: its name in the evaluation/ folder and its bytes.</summary>
/// <param name="Name">The file name, e.g. <c>att.csv</c> or <c>att_own_revenue_eur.csv</c>.</param>
/// <param name="Content">UTF-8 bytes, no BOM.</param>
public sealed record EvaluationFile(string Name, ReadOnlyMemory<byte> Content);

/// <summary>
/// The files of the evaluation/ output folder, named once for <c>impact evaluate</c> and the quarterly run: the main
/// outcome (salaried headcount by default) in <c>att.csv</c>, <c>event_study.csv</c> and <c>summary.json</c>; every other
/// outcome in the same files suffixed by its column, e.g. <c>att_own_revenue_eur.csv</c>.
/// </summary>
public static class EvaluationFiles
{
    /// <summary>The group-time effects of the main outcome.</summary>
    public const string Att = "att.csv";

    /// <summary>The event-study curve of the main outcome.</summary>
    public const string EventStudy = "event_study.csv";

    /// <summary>The summary of the main outcome.</summary>
    public const string Summary = "summary.json";

    /// <summary>
    /// The files for <paramref name="results"/>: unsuffixed for the result of <paramref name="mainOutcome"/> (or, when it
    /// is not among them, the first result), suffixed for the others; in the order of the results.
    /// </summary>
    public static IReadOnlyList<EvaluationFile> Build(IReadOnlyList<EvaluationResult> results, string mainOutcome = ImpactEstimator.DefaultOutcome)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(mainOutcome);
        var main = results.FirstOrDefault(r => r.Outcome == mainOutcome) ?? (results.Count > 0 ? results[0] : null);
        var files = new List<EvaluationFile>(results.Count * 3);
        foreach (var result in results)
        {
            var suffix = ReferenceEquals(result, main) ? "" : "_" + FileNamePart(result.Outcome);
            files.Add(new EvaluationFile(Suffixed(Att, suffix), Encoding.UTF8.GetBytes(EvaluationCsv.WriteAtt(result))));
            files.Add(new EvaluationFile(Suffixed(EventStudy, suffix), Encoding.UTF8.GetBytes(EvaluationCsv.WriteEventStudy(result))));
            files.Add(new EvaluationFile(Suffixed(Summary, suffix), EvaluationJson.WriteSummary(result)));
        }

        return files;
    }

    private static string Suffixed(string name, string suffix) =>
        suffix.Length == 0 ? name : string.Concat(Path.GetFileNameWithoutExtension(name), suffix, Path.GetExtension(name));

    /// <summary>The outcome as a safe file-name part: letters, digits, '-' and '_' kept, anything else replaced by '_'.</summary>
    private static string FileNamePart(string outcome) =>
        string.Concat(outcome.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
