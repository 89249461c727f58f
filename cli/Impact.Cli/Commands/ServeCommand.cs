using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Impact.Analytics;
using Impact.Analytics.Returns;
using Impact.Analytics.Settings;
using Impact.Cli.Running;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Storage;
using Impact.Web;
using Impact.Web.Access;
using Impact.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact serve --in DIR --out DIR [--port 7070]`: the signed-in views (<c>/app/…</c>) and the API (<c>/api/…</c>) over
/// the folders, with the handlers of the Function app (<see cref="ImpactEndpoints"/>, <see cref="AccessGate"/>), on the
/// loopback only. It trusts <c>X-MS-CLIENT-PRINCIPAL</c> as App Service Authentication's, so scripts sign in as on Azure;
/// a person signs in on <c>/connexion</c>, which lists registry/accounts.csv and keeps the account in a cookie. An upload
/// is ingested at once (under the folder's lock), as the blob event does on Azure.
/// </summary>
internal static partial class ServeCommand
{
    /// <summary>Where `impact serve` listens by default: the base of the links of the e-mails written by `impact run`.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://127.0.0.1:7070/");

    /// <summary>The cookie of the local sign-in: the account, nothing else.</summary>
    public const string AccountCookie = "impact-compte";

    public static Command Create(CliConsole console)
    {
        var input = new Option<DirectoryInfo>("--in") { Description = "Dossier d'entrée (registry/ avec accounts.csv, returns/).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Dossier de sortie du dernier « impact run ».", Required = true };
        var port = new Option<int>("--port") { Description = "Port d'écoute (par défaut 7070 ; 0 : un port libre).", DefaultValueFactory = _ => 7070 };
        var address = new Option<string>("--address") { Description = "Adresse d'écoute : la boucle locale seulement (127.0.0.1 par défaut, ou ::1).", DefaultValueFactory = _ => "127.0.0.1" };
        var reporting = new ReportingFlags();
        var command = new Command("serve", "Sert l'espace connecté (/app) et l'API (/api) sur les dossiers, en local (127.0.0.1) avec une connexion de démonstration.")
        {
            input, output, port, address,
        };
        reporting.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inputDir = parseResult.GetRequiredValue(input);
            if (!inputDir.Exists)
            {
                throw new ImpactException($"Dossier d'entrée introuvable : {inputDir.FullName}");
            }

            var rules = reporting.From(parseResult);
            var listen = parseResult.GetRequiredValue(address);
            if (!IPAddress.TryParse(listen, out var ip) || !IPAddress.IsLoopback(ip))
            {
                throw new ImpactException($"adresse refusée : « {listen} ». impact serve n'écoute que sur la boucle locale (127.0.0.1 ou ::1) : sa connexion de démonstration n'a pas de mot de passe. Sur un serveur, déployez l'application Azure Functions (docs/deployment.md).");
            }

            var listenPort = parseResult.GetValue(port);
            if (listenPort is < 0 or > 65535)
            {
                throw new ImpactException($"port invalide : {listenPort} (attendu un nombre de 0 à 65535).");
            }

            var layout = PipelineFolders.Layout(inputDir.FullName, parseResult.GetRequiredValue(output).FullName);
            await using var app = Build(console, layout, rules, ip, listenPort);
            await app.StartAsync(cancellationToken);
            var url = app.Urls.First();
            await console.Output.WriteLineAsync($"Espace connecté : {url}/app");
            await console.Output.WriteLineAsync($"Connexion locale (comptes de {Path.Combine(layout.ContainerDirectory(StorageNames.Containers.Registry), AccountDirectory.BlobName)}) : {url}/connexion");
            await console.Output.WriteLineAsync("API : " + url + "/api/… (en-tête X-MS-CLIENT-PRINCIPAL, comme sur Azure). Ctrl+C pour arrêter.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop below.
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The app: the same endpoints and access gate as the Function app, plus the local sign-in (tests build it too).</summary>
    public static WebApplication Build(CliConsole console, FolderLayout layout, ReportingOptions reporting, IPAddress address, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var storage = new FolderStorage(layout);
        builder.Services.AddSingleton<IImpactStorage>(storage);
        builder.Services.AddSingleton(console.Time);
        builder.Services.AddSingleton(new HttpApiOptions { TrustPlatformAuthentication = true, SignInUrl = "/connexion", SignOutUrl = "/connexion/sortie" });
        builder.Services.AddSingleton<IUploadUrlSigner, NoUploadUrls>();
        builder.Services.AddSingleton<IUploadedReturns>(provider => new IngestAtOnce(layout,
            // The workshop's notice (errors to correct) is queued as in Azure; the next `impact run` writes it to OUT/alerts/.
            new ReturnIngestion(storage, console.Time, reporting, alerts: new AlertOptions { DashboardBaseUrl = new UriBuilder("http", address.ToString(), port == 0 ? DefaultBaseUrl.Port : port).Uri }),
            provider.GetRequiredService<ILogger<IngestAtOnce>>()));
        builder.Services.AddImpactWeb();
        // The executors of the handlers' results (pages, files, problems, redirects), as in the Function app.
        builder.Services.AddMvcCore();
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
#pragma warning disable CA1031 // The edge of a request: a defect answers one French page, never a stack trace.
            catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
#pragma warning restore CA1031
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("impact serve").LogError(ex, "Request {Path} failed", context.Request.Path.Value);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ex is ImpactException impact
                    ? $"Erreur : {impact.Message}"
                    : "Erreur interne inattendue : merci de la signaler avec l'adresse demandée.");
            }
        });
        // The local sign-in: the account in the cookie becomes the platform's principal, unless a caller sent one itself.
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers[ClientPrincipal.HeaderName].Count == 0 && context.Request.Cookies[AccountCookie] is { Length: > 0 } account)
            {
                context.Request.Headers[ClientPrincipal.HeaderName] = new ClientPrincipal("local", [new("preferred_username", account)]).Encode();
            }

            await next(context);
        });

        app.MapGet("/", () => Results.Redirect("/app"));
        app.MapGet("/connexion", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(await SignInPageAsync(storage, context.RequestAborted), context.RequestAborted);
        });
        app.MapPost("/connexion", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var account = form["account"].ToString();
            if (account.Length > 0)
            {
                context.Response.Cookies.Append(AccountCookie, account, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            }

            context.Response.Redirect(account.Length > 0 ? "/app" : "/connexion");
        });
        app.MapGet("/connexion/sortie", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(AccountCookie, new CookieOptions { Path = "/" });
            return Results.Redirect("/connexion");
        });

        foreach (var endpoint in ImpactEndpoints.All)
        {
            app.MapMethods("/" + endpoint.Route, [endpoint.Method], async (HttpContext context) =>
            {
                var gate = context.RequestServices.GetRequiredService<AccessGate>();
                var subject = endpoint.Subject is { } name ? context.Request.RouteValues[name]?.ToString() : null;
                var result = await gate.EnterAsync(context, endpoint, subject, context.RequestAborted) ?? await endpoint.Invoke(context);
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            }).WithName(endpoint.Name);
        }

        return app;
    }

    /// <summary>The sign-in page: one button per account of registry/accounts.csv; local only, and it says so.</summary>
    private static async Task<string> SignInPageAsync(FolderStorage storage, CancellationToken cancellationToken)
    {
        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Registry, AccountDirectory.BlobName, cancellationToken);
        var rows = blob is null ? [] : AccountDirectory.Read(Encoding.UTF8.GetString(blob.Content.Span)).Accounts;
        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="fr" data-fr-scheme="light">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Connexion locale — Manufactures de proximité</title>
            <link rel="stylesheet" href="/app/dsfr/dsfr.min.css"></head>
            <body><main class="fr-container fr-my-6w" role="main">
            <h1>Connexion locale</h1>
            <div class="fr-alert fr-alert--warning fr-mb-4w"><h2 class="fr-alert__title">Connexion de démonstration, sans mot de passe</h2>
            <p>Cette page n'existe que dans « impact serve », sur cet ordinateur (127.0.0.1). Sur Azure, la connexion passe par Microsoft Entra ID et chaque compte ne voit que ce que son rôle permet.</p></div>
            """);
        if (rows.Count == 0)
        {
            html.Append("<p>Aucun compte : ajoutez registry/accounts.csv (colonnes account, role, scope) au dossier d'entrée. « impact demo » en écrit un pour sa cohorte.</p>");
        }

        foreach (var (role, title) in new[] { (Role.Ministry, "Ministère"), (Role.Coach, "Accompagnateurs"), (Role.Workshop, "Manufactures") })
        {
            var ofRole = rows.Where(r => r.Role == role).ToList();
            if (ofRole.Count == 0)
            {
                continue;
            }

            html.Append("<h2 class=\"fr-h4 fr-mt-4w\">").Append(e.Encode(title)).Append("</h2><form method=\"post\" action=\"/connexion\"><ul class=\"fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm\">");
            foreach (var row in ofRole)
            {
                var label = row.Role == Role.Ministry ? row.Account : $"{row.Account} ({row.Scope})";
                html.Append("<li><button class=\"fr-btn fr-btn--secondary\" type=\"submit\" name=\"account\" value=\"").Append(e.Encode(row.Account)).Append("\">")
                    .Append(e.Encode(label)).Append("</button></li>");
            }

            html.Append("</ul></form>");
        }

        html.Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>On folders there is no storage to sign a URL for: the API says so (501) and points to the direct upload.</summary>
    private sealed class NoUploadUrls : IUploadUrlSigner
    {
        public Task<Uri> SignAsync(string container, string blobName, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Les URL de dépôt signées n'existent que sur Azure Storage ; avec impact serve, déposez le fichier directement : PUT /api/workshops/{id}/returns/{trimestre}.");
    }

    /// <summary>Ingests an upload at once, as the blob event does on Azure; while an `impact run` holds the folder, the run ingests it.</summary>
    internal sealed partial class IngestAtOnce(FolderLayout layout, ReturnIngestion ingestion, ILogger<IngestAtOnce> logger) : IUploadedReturns
    {
        public async Task StoredAsync(ReturnPath path, CancellationToken cancellationToken)
        {
            FolderLock folderLock;
            try
            {
                folderLock = FolderLock.Acquire(layout);
            }
            catch (ImpactException)
            {
                LogBusy(logger, path.BlobName);
                return;
            }

            using (folderLock)
            {
                await ingestion.IngestIsolatedAsync(path.BlobName, cancellationToken);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Blob} stored; the folder is busy with another impact process, which (or the next run) ingests it")]
        private static partial void LogBusy(ILogger logger, string blob);
    }
}
