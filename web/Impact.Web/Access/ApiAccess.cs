using Impact.Web.Http;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Impact.Web.Access;

/// <summary>The outcome of <see cref="ApiAccess.AuthorizeAsync"/>: the caller, or the problem to answer.</summary>
public sealed record AccessOutcome(Caller? Caller, ObjectResult? Denial)
{
    /// <summary>The caller, when allowed.</summary>
    public Caller Allowed => Caller ?? throw new InvalidOperationException("The request was denied.");
}

/// <summary>
/// Identifies the caller from the platform's principal and the accounts file, then applies <see cref="AccessPolicy"/>.
/// Every denial is logged with who, what and why, never the payload.
/// </summary>
public sealed partial class ApiAccess(IImpactStorage storage, HttpApiOptions options, ILogger<ApiAccess> logger)
{
    // Read through caches that parse each file once per change, not once per request.
    // A malformed edit of accounts.csv is refused with its report; the previous valid version keeps everyone signed in.
    private readonly ReferenceFile<AccountDirectory> _accounts = new(storage, AccountDirectory.BlobName,
        content => AccountDirectory.Read(System.Text.Encoding.UTF8.GetString(content.Span)));

    private readonly RegistrySource _registry = new(storage);

    /// <summary>Decides whether <paramref name="request"/> may perform <paramref name="operation"/> on <paramref name="workshopId"/>.</summary>
    public async Task<AccessOutcome> AuthorizeAsync(HttpRequest request, Operation operation, string? workshopId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.TrustPlatformAuthentication)
        {
            return Deny("(none)", null, operation, workshopId, "platform authentication is off", Problems.Unauthorized(
                "L'authentification de la plateforme n'est pas activée : l'API ne fait confiance à aucune identité et refuse toute demande."));
        }

        var header = request.Headers[ClientPrincipal.HeaderName].ToString();
        if (header.Length == 0)
        {
            return Deny("(none)", null, operation, workshopId, "no client principal", Problems.Unauthorized("Connectez-vous pour utiliser l'API."));
        }

        var principal = ClientPrincipal.TryDecode(header);
        if (principal is null)
        {
            return Deny("(malformed)", null, operation, workshopId, "malformed client principal", Problems.Unauthorized("L'identité transmise est illisible : reconnectez-vous."));
        }

        var accounts = (await _accounts.ReadAsync(cancellationToken))?.Value ?? AccountDirectory.Empty;
        var caller = accounts.Find(principal.AccountNames);
        if (caller is null)
        {
            return Deny(principal.AccountNames.FirstOrDefault() ?? "(no account claim)", null, operation, workshopId, "account not in registry/accounts.csv",
                Problems.Forbidden("Votre compte n'est rattaché à aucune manufacture ni à aucun rôle : demandez au ministère de l'ajouter."));
        }

        if (operation == Operation.RecordFollowUp)
        {
            // The route names the alert (2024-Q3~MP-002~red): access is decided on its workshop.
            workshopId = Analytics.Alerts.AlertIds.TryParse(workshopId, out var alert) ? alert.WorkshopId : null;
        }

        var aboutWorkshop = operation is not (Operation.ReadHome or Operation.ReadPortfolio or Operation.ReadCoachAlerts or Operation.ReadNationalIndicators);
        var coach = caller.Role == Role.Coach && aboutWorkshop && workshopId is not null ? await CoachOfAsync(workshopId, cancellationToken) : null;
        var decision = AccessPolicy.Decide(caller, operation, workshopId, coach);
        return decision.Allowed
            ? new AccessOutcome(caller, null)
            : Deny(caller.Account, caller.Role, operation, workshopId, decision.Reason,
                Problems.Forbidden(operation switch
                {
                    Operation.ReadNationalIndicators => "Seul le ministère consulte les données nationales.",
                    Operation.ReadPortfolio => $"Votre compte ne permet pas de consulter le portefeuille de l'accompagnateur {workshopId}.",
                    Operation.ReadCoachAlerts => $"Votre compte ne permet pas de consulter les alertes de l'accompagnateur {workshopId}.",
                    Operation.RecordFollowUp => "Seul l'accompagnateur de la manufacture enregistre la suite donnée à ses alertes.",
                    Operation.UploadReturn when caller.Role != Role.Workshop => "Seule la manufacture dépose ses retours.",
                    _ => $"Votre compte ne permet pas cette action sur la manufacture {workshopId}.",
                }));
    }

    private AccessOutcome Deny(string account, Role? role, Operation operation, string? workshopId, string reason, ObjectResult problem)
    {
        LogDenied(logger, account, role?.ToString() ?? "(none)", operation, workshopId ?? "(national)", reason, problem.StatusCode ?? 0);
        return new AccessOutcome(null, problem);
    }

    private async Task<string?> CoachOfAsync(string workshopId, CancellationToken cancellationToken) =>
        (await _registry.FindAsync(cancellationToken))?.Find(workshopId)?.CoachId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied {Operation} on {WorkshopId} to {Account} ({Role}): {Reason}; answered {Status}")]
    private static partial void LogDenied(ILogger logger, string account, string role, Operation operation, string workshopId, string reason, int status);
}
