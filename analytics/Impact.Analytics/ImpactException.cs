namespace Impact.Analytics;

/// <summary>
/// The one exception type of the domain: a condition the caller cannot fix by retrying,
/// whose <see cref="Exception.Message"/> is a French sentence fit to show to a person
/// (an unreadable registry, an invalid setting). Bad returns never throw: they produce a report.
/// </summary>
public sealed class ImpactException : Exception
{
    /// <summary>Creates the exception with a French, user-facing message.</summary>
    public ImpactException(string message) : base(message) { }

    /// <summary>Creates the exception with a French, user-facing message and its cause.</summary>
    public ImpactException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public ImpactException() : base("Erreur du pipeline d'impact.") { }
}
