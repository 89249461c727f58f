namespace Impact.Analytics.Dashboard;

/// <summary>
/// The fixed wording of the site's frame (the pages themselves are Razor components in <c>Pages/</c>, which encode every
/// text they are given).
/// </summary>
internal static class SiteHtml
{
    /// <summary>The name of the service, in the header and page titles.</summary>
    public const string ServiceName = "Manufactures de proximité";

    /// <summary>The tagline under the service name.</summary>
    public const string ServiceTagline = "Tableau de bord de l'impact du dispositif";

    /// <summary>The screens that get a chart's phone variant: narrower than the DSFR's "sm" breakpoint (576 px).</summary>
    public const string NarrowMedia = "(max-width: 575.98px)";
}
