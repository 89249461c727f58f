using System.ComponentModel.DataAnnotations;
using Impact.Analytics.Alerts;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Impact.Pipeline.Alerts;

/// <summary>Sends an alert e-mail. Throws when it could not be handed over, so that the message is retried.</summary>
public interface IAlertSender
{
    /// <summary>Hands the e-mail over (to an SMTP server, or to a pickup folder); returns once it is accepted.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether an e-mail with this Message-ID was already accepted, for a retry after an interrupted attempt;
    /// false when the sender cannot tell (an SMTP server cannot be asked).
    /// </summary>
    Task<bool> HoldsAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Whether <see cref="HoldsAsync"/> can answer true (a pickup folder can; an SMTP server cannot be asked).</summary>
    bool KnowsWhatItHolds => false;
}

/// <summary>Settings of alert e-mails, bound at start from the "Alerts" section.</summary>
public sealed record AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Alerts";

    /// <summary>SMTP host; when empty, no e-mail can be sent (the function fails loudly).</summary>
    public string? SmtpHost { get; init; }

    /// <summary>SMTP port (587 with STARTTLS by default).</summary>
    public int SmtpPort { get; init; } = 587;

    /// <summary>SMTP user name, when the server requires authentication.</summary>
    public string? SmtpUser { get; init; }

    /// <summary>SMTP password (a Key Vault reference in Azure).</summary>
    public string? SmtpPassword { get; init; }

    /// <summary>How to secure the connection (default <see cref="SmtpSecurity.StartTls"/>); a value that is not one of them stops the host at start.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>The sender address.</summary>
    public string Sender { get; init; } = "alertes-manufactures@example.org";

    /// <summary>The sender's display name.</summary>
    public string SenderName { get; init; } = "Suivi des manufactures de proximité";

    /// <summary>The dashboard's root URL, for the link to the workshop's page.</summary>
    public Uri? DashboardBaseUrl { get; init; }

    /// <summary>Alerts per coach per quarter.</summary>
    [Range(0, 100, ErrorMessage = "attendu de {1} à {2} alertes par accompagnateur et par trimestre")]
    public int CapacityPerCoach { get; init; } = AlertPolicy.DefaultCapacityPerCoach;
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: a local test server only.</summary>
    None,
}

/// <summary>Builds the MIME message of an alert or a notice.</summary>
public static class AlertMessages
{
    /// <summary>
    /// The e-mail for <paramref name="alert"/>, from the configured sender, dated <paramref name="date"/>. Every byte
    /// derives from its inputs (the MIME boundary from the Message-ID), so the same alert built at the same time is
    /// the same file.
    /// </summary>
    public static MimeMessage Build(RiskAlert alert, AlertOptions options, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(options);
        var content = AlertEmail.Compose(alert, options.DashboardBaseUrl);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.SenderName, options.Sender));
        message.To.Add(MailboxAddress.Parse(alert.CoachEmail));
        message.Subject = content.Subject;
        // A stable id: the same alert always carries the same Message-Id, so a mail system can spot a duplicate.
        message.MessageId = $"{alert.WorkshopId}.{alert.Quarter}.{alert.Level}@alertes.manufactures".ToLowerInvariant();
        message.Date = date;
        var body = new BodyBuilder { TextBody = content.TextBody, HtmlBody = content.HtmlBody }.ToMessageBody();
        if (body is Multipart multipart)
        {
            multipart.Boundary = "=_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.MessageId)))[..32];
        }

        message.Body = body;
        return message;
    }

    /// <summary>The e-mail of <paramref name="notice"/> (plain text), from the configured sender, dated <paramref name="date"/>.</summary>
    public static MimeMessage Build(Analytics.FollowUp.Notice notice, AlertOptions options, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.SenderName, options.Sender));
        message.To.Add(MailboxAddress.Parse(notice.Recipient));
        message.Subject = notice.Subject;
        message.MessageId = notice.MessageId;
        message.Date = date;
        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(System.Text.Encoding.UTF8, notice.Body);
        message.Body = text;
        return message;
    }
}

/// <summary>Sends through an SMTP server with MailKit.</summary>
public sealed class SmtpAlertSender(AlertOptions options) : IAlertSender
{
    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            throw new Analytics.ImpactException($"Réglage {AlertOptions.Section}:SmtpHost vide : les alertes ne peuvent pas être envoyées par e-mail.");
        }

        var security = options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => throw new InvalidOperationException($"Setting {AlertOptions.Section}:Security is {options.Security}; expected StartTls, SslOnConnect or None."),
        };
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // The server has accepted the message: a failed goodbye must not make it look unsent (and be sent again).
        }
    }

    /// <inheritdoc />
    public Task<bool> HoldsAsync(string messageId, CancellationToken cancellationToken = default) => Task.FromResult(false);
}

/// <summary>
/// Writes each e-mail as an .eml file in a folder (the folder adapter's "outbox": out/alerts/), named after its
/// Message-ID and written whole or not at all (a temporary file, then a rename), so the file's presence is the proof
/// that it was handed over.
/// </summary>
public sealed class PickupFolderAlertSender(string directory) : IAlertSender
{
    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(directory);
        var path = PathOf(message.MessageId);
        var temp = Path.Combine(directory, $".~{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = File.Create(temp))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public Task<bool> HoldsAsync(string messageId, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(messageId)));

    /// <inheritdoc />
    public bool KnowsWhatItHolds => true;

    private string PathOf(string? messageId) => Path.Combine(directory, (messageId ?? "alerte").Split('@')[0] + ".eml");
}
