using System.Text;
using System.Text.Json;
using Impact.Analytics;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Functions.Http;

/// <summary>What the API reads back: validation reports, indicators, risk scores (through the storage port).</summary>
public sealed class ApiReads(IImpactStorage storage, TimeProvider time)
{
    /// <summary>The results blob the quarterly run writes indicators to.</summary>
    public const string IndicatorsBlob = "indicators/indicators.csv";

    /// <summary>How many quarters back from today the latest risk score is looked for.</summary>
    public const int RiskLookBackQuarters = 8;

    /// <summary>The status and validation report of a return (reports/{id}/{quarter}.json), or null when there is neither report nor return.</summary>
    public async Task<ReturnStatus?> ReturnStatusAsync(string workshopId, Quarter quarter, CancellationToken cancellationToken)
    {
        var report = await storage.ReadBlobAsync(StorageNames.Containers.Reports, $"{workshopId}/{quarter}.json", cancellationToken);
        if (report is not null)
        {
            using var document = JsonDocument.Parse(report.Content);
            return new ReturnStatus("validated", workshopId, quarter.ToString(), document.RootElement.Clone());
        }

        foreach (var format in Enum.GetValues<ReturnFormat>())
        {
            if (await storage.GetBlobInfoAsync(StorageNames.Containers.Returns, $"{workshopId}/{quarter}.{format.Extension()}", cancellationToken) is not null)
            {
                return new ReturnStatus("pending", workshopId, quarter.ToString(), null);
            }
        }

        return null;
    }

    /// <summary>The indicator rows (stable keys of indicators.csv) of the latest run, for one workshop or, with null, all.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> IndicatorsAsync(string? workshopId, Quarter? quarter, CancellationToken cancellationToken)
    {
        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Results, IndicatorsBlob, cancellationToken);
        if (blob is null)
        {
            return [];
        }

        return [.. IndicatorCsv.Read(Encoding.UTF8.GetString(blob.Content.Span))
            .Where(s => (workshopId is null || s.WorkshopId == workshopId) && (quarter is null || s.Quarter == quarter))
            .OrderBy(s => s.WorkshopId, StringComparer.Ordinal).ThenBy(s => s.Quarter)
            .Select(s => s.ToColumns())];
    }

    /// <summary>The latest risk score of a workshop (this quarter or up to <see cref="RiskLookBackQuarters"/> back), or null.</summary>
    public Task<RiskScore?> LatestRiskAsync(string workshopId, CancellationToken cancellationToken) =>
        new RiskScoreStore(storage).LatestAsync(workshopId, Quarter.FromDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), RiskLookBackQuarters, cancellationToken);
}

/// <summary>A return's status: "pending" (received, not yet validated) or "validated" with its report (accepted or rejected inside).</summary>
public sealed record ReturnStatus(string Status, string WorkshopId, string Quarter, JsonElement? Report);
