using System.Text;
using Impact.Analytics.Evaluation;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Evaluation;

/// <summary>An evaluation computed from the panel: the panel read, and one result per outcome.</summary>
/// <param name="Panel">The external panel (evaluation/panel.csv).</param>
/// <param name="Results">One result per outcome estimated, the main outcome first when it is estimated.</param>
public sealed record EvaluationRun(Panel Panel, IReadOnlyList<EvaluationResult> Results);

/// <summary>
/// The use case "evaluate the impact": read the ministry's external panel (<c>evaluation/panel.csv</c>), estimate every
/// outcome (or one) with the seeded bootstrap, and write att.csv, event_study.csv and summary.json under
/// <c>evaluation/</c> of the results container. The quarterly run and <c>impact evaluate</c> both call it, so the
/// same panel gives the same files either way.
/// </summary>
public sealed class ImpactEvaluation(IImpactStorage storage, EvaluationOptions options)
{
    private const string Folder = "evaluation/";

    /// <summary>The evaluation of the stored panel, or null when the ministry has put none.</summary>
    /// <param name="outcome">One outcome column to estimate; null for every numeric outcome.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Analytics.ImpactException">The panel is malformed, or the outcome is not one of its columns.</exception>
    public async Task<EvaluationRun?> EvaluateAsync(string? outcome = null, CancellationToken cancellationToken = default)
    {
        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Evaluation, StorageNames.Blobs.Panel, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        var panel = PanelCsv.Read(Encoding.UTF8.GetString(blob.Content.Span));
        IReadOnlyList<EvaluationResult> results = outcome is null
            ? ImpactEstimator.EstimateAll(panel, options)
            : [ImpactEstimator.Estimate(panel, outcome, options)];
        return new EvaluationRun(panel, results);
    }

    /// <summary>Writes the files of <paramref name="run"/>; returns their names as "results/evaluation/…", in order.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var written = new List<string>();
        foreach (var file in EvaluationFiles.Build(run.Results))
        {
            var name = Folder + file.Name;
            await storage.WriteBlobAsync(StorageNames.Containers.Results, name, file.Content,
                file.Name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv; charset=utf-8", cancellationToken);
            written.Add($"{StorageNames.Containers.Results}/{name}");
        }

        return written;
    }
}
