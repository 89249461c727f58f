using Impact.Pipeline.Risk;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// Retrains the risk model on a timer (UTC, schedule from the RISK_TRAINING_SCHEDULE setting; also on demand through
/// <c>POST /admin/functions/TrainRiskModel</c>): a new version is stored, and promoted only when it beats the
/// scorecard and the current model on grouped out-of-fold data.
/// </summary>
public sealed partial class TrainRiskModel(RiskTraining training, ILogger<TrainRiskModel> logger)
{
    /// <summary>The setting that holds the NCRONTAB schedule (six fields, UTC).</summary>
    public const string Schedule = "%RISK_TRAINING_SCHEDULE%";

    /// <summary>Trains, evaluates, stores and maybe promotes.</summary>
    [Function(nameof(TrainRiskModel))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var outcome = await training.TrainAsync(cancellationToken: cancellationToken);
        LogTrained(logger, outcome.Version, outcome.Promoted, outcome.Metrics.Trainer, outcome.Metrics.Model.Auprc, outcome.Metrics.Scorecard.Auprc, outcome.Metrics.BaseRate, outcome.Reason);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Risk model {Version} trained (promoted: {Promoted}); {Trainer} out-of-fold AUPRC {ModelAuprc:0.000}, scorecard {ScorecardAuprc:0.000}, base rate {BaseRate:0.000}: {Reason}")]
    private static partial void LogTrained(ILogger logger, string version, bool promoted, string trainer, double modelAuprc, double scorecardAuprc, double baseRate, string reason);
}
