using Impact.Pipeline.Reads;
using Impact.Analytics;
using Impact.Analytics.Risk;
using Impact.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>What the quarterly run computed: a workshop's indicators and risk, and the national indicators.</summary>
public sealed class WorkshopResults(RunResults reads)
{
    /// <summary>A workshop's indicators, every quarter of the latest run.</summary>
    [RequiresAccess(Operation.ReadIndicators)]
    [Function("GetWorkshopIndicators")]
    public async Task<IActionResult> IndicatorsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workshops/{id}/indicators")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OkObjectResult(new { workshopId = id, indicators = await reads.IndicatorsAsync(id, null, cancellationToken) });
    }

    /// <summary>A workshop's latest risk: the level for the workshop itself; score and reasons for its coach and the ministry.</summary>
    [RequiresAccess(Operation.ReadRisk)]
    [Function("GetWorkshopRisk")]
    public async Task<IActionResult> RiskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workshops/{id}/risk")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var score = await reads.LatestRiskAsync(id, cancellationToken);
        if (score is null)
        {
            return Problems.NotFound($"Aucun score de risque n'a encore été calculé pour la manufacture {id}.");
        }

        return AccessPolicy.SeesRiskReasons(AccessMiddleware.CallerOf(request))
            ? new OkObjectResult(new RiskView(id, score.Quarter.ToString(), RiskLevels.Key(score.Level), score.Score, score.Source, score.Reasons))
            : new OkObjectResult(new RiskView(id, score.Quarter.ToString(), RiskLevels.Key(score.Level), null, null, null));
    }

    /// <summary>Every workshop's indicators for one quarter: the national view, ministry only.</summary>
    [RequiresAccess(Operation.ReadNationalIndicators)]
    [Function("GetNationalIndicators")]
    public async Task<IActionResult> NationalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "indicators")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Quarter.TryParse(request.Query["quarter"].ToString(), out var quarter))
        {
            return Problems.BadRequest("Paramètre quarter manquant ou invalide : attendu par exemple ?quarter=2024-Q3.");
        }

        return new OkObjectResult(new { quarter = quarter.ToString(), indicators = await reads.IndicatorsAsync(null, quarter, cancellationToken) });
    }
}

/// <summary>A risk as the API shows it; score, source and reasons are null for the workshop itself.</summary>
public sealed record RiskView(string WorkshopId, string Quarter, string? Level, double? Score, string? Source, IReadOnlyList<string>? Reasons);
