using Impact.Analytics.Returns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>The return template (the same bytes as <c>impact template</c>); public, it holds no data.</summary>
public static class ReturnTemplateDownload
{
    /// <summary>The template in the asked format (csv by default).</summary>
    [Function("GetTemplate")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "template")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = request.Query["format"].ToString();
        var format = asked.Length == 0 ? ReturnFormat.Csv : ReturnFormats.FromExtension(asked);
        return format is null
            ? Problems.BadRequest("Format inconnu : demandez ?format=csv, xlsx ou json.")
            : new FileContentResult(ReturnTemplate.Write(format.Value), format.Value.ContentType()) { FileDownloadName = $"modele-retour.{format.Value.Extension()}" };
    }
}
