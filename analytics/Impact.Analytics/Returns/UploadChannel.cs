namespace Impact.Analytics.Returns;

/// <summary>How an upload reached the returns container, as the Submissions table records it with its uploader.</summary>
public enum UploadChannel
{
    /// <summary>Written to storage directly (a file dropped in the folder, the portal, a storage key): nobody signed in, the uploader is unknown.</summary>
    Direct,

    /// <summary>Sent to <c>PUT /api/workshops/{id}/returns/{quarter}</c> by a signed-in account.</summary>
    Api,

    /// <summary>Sent with the upload form of the workshop's page by a signed-in account.</summary>
    Form,

    /// <summary>Written through a short-lived upload URL that the API issued to a signed-in account.</summary>
    SignedUrl,
}

/// <summary>The French words of an upload's channel and uploader.</summary>
public static class UploadChannels
{
    /// <summary>
    /// Who sent it and how, in French (« marie@atelier.fr, par le formulaire », « dépôt direct dans le stockage, sans compte connu »);
    /// a null channel is an upload recorded before uploaders were (« non enregistré »).
    /// </summary>
    public static string French(UploadChannel? channel, string? account) => (channel, account) switch
    {
        (null, _) => "non enregistré",
        (UploadChannel.Api, { Length: > 0 }) => $"{account}, par l'API",
        (UploadChannel.Form, { Length: > 0 }) => $"{account}, par le formulaire",
        (UploadChannel.SignedUrl, { Length: > 0 }) => $"{account}, par une adresse d'envoi signée",
        _ => "dépôt direct dans le stockage, sans compte connu",
    };

    /// <summary>The stable key of a channel in rows and JSON (<c>direct</c>, <c>api</c>, <c>form</c>, <c>signed-url</c>).</summary>
    public static string Key(UploadChannel channel) => channel switch
    {
        UploadChannel.Api => "api",
        UploadChannel.Form => "form",
        UploadChannel.SignedUrl => "signed-url",
        _ => "direct",
    };

    /// <summary>The channel of a key; null for none (rows written before uploaders were recorded) or an unknown one.</summary>
    public static UploadChannel? Parse(string? key) => key switch
    {
        "direct" => UploadChannel.Direct,
        "api" => UploadChannel.Api,
        "form" => UploadChannel.Form,
        "signed-url" => UploadChannel.SignedUrl,
        _ => null,
    };
}
