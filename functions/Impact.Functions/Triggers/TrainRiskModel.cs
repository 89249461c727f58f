using Impact.Pipeline.Risk;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// Retrains the risk model on a timer (UTC, schedule from the RISK_TRAINING_SCHEDULE setting; also on demand through
/// <c>POST /admin/functions/TrainRiskModel</c>): a new version is stored, and put in service only when its choice beats
/// what serves on grouped out-of-fold data. Too little data (the first year of a scheme) is logged once and succeeds.
/// </summary>
public sealed partial class TrainRiskModel(RiskTraining training, ILogger<TrainRiskModel> logger)
{
    /// <summary>The setting that holds the NCRONTAB schedule (six fields, UTC).</summary>
    public const string Schedule = "%RISK_TRAINING_SCHEDULE%";

    /// <summary>Trains, evaluates, stores and maybe promotes; with too little data, records why and succeeds.</summary>
    [Function(nameof(TrainRiskModel))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var outcome = await training.TrainAsync(cancellationToken: cancellationToken);
        if (outcome.Metrics is not { } m)
        {
            // The normal state of a scheme's first year: a result, not a failure (no retry, one line).
            LogNotTrained(logger, outcome.Version, outcome.InService ?? "none", outcome.Reason);
            return;
        }

        LogTrained(logger, outcome.Version, outcome.Promoted, m.ChosenSource, m.Model.Auprc, m.Scorecard.Auprc, m.Runway?.Auprc ?? double.NaN, m.BaseRate, outcome.Reason);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Risk model {Version} trained (in service: {Promoted}); chosen {Source}; out-of-fold AUPRC learned {ModelAuprc:0.000}, scorecard {ScorecardAuprc:0.000}, runway {RunwayAuprc:0.000}, base rate {BaseRate:0.000}: {Reason}")]
    private static partial void LogTrained(ILogger logger, string version, bool promoted, string source, double modelAuprc, double scorecardAuprc, double runwayAuprc, double baseRate, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Risk model {Version} not trained; version in service: {InService}: {Reason}")]
    private static partial void LogNotTrained(ILogger logger, string version, string inService, string reason);
}
