namespace Impact.Analytics.Dashboard.Pages;

/// <summary>
/// A page of the site as typed blocks, rendered by <see cref="SitePage"/> in the DSFR's markup. Every text here is
/// plain text: the components encode it, so a name, a narrative or a reason can never become markup.
/// </summary>
/// <param name="Root">The relative path from the page to the site root ("" or "../").</param>
/// <param name="Title">The page's title (the browser tab; the h1 is a block).</param>
/// <param name="Blocks">The content, in order.</param>
public sealed record PageModel(string Root, string Title, IReadOnlyList<PageBlock> Blocks)
{
    /// <summary>The frame of a signed-in view (its menu, who is signed in, how to sign out); null for the static site's.</summary>
    public PageChrome? Chrome { get; init; }

    /// <summary>Whether the figures come from a simulated cohort: a DSFR notice under the header says so on the page.</summary>
    public bool Simulated { get; init; }
}

/// <summary>The frame of a signed-in view.</summary>
/// <param name="HomeHref">Where the service's name in the header leads (the reader's home).</param>
/// <param name="Menu">The main menu: target and text of each entry, for what this reader may open.</param>
/// <param name="SignedInAs">Who is signed in, as the page says it (« Connecté : … »), or null when the page does not know (a refusal).</param>
/// <param name="SignOutHref">Where signing out goes.</param>
public sealed record PageChrome(string HomeHref, IReadOnlyList<LinkInline> Menu, string? SignedInAs, string SignOutHref);

/// <summary>A workshop in a coach's portfolio: its name (a link to its page), its badges, then what to know, label by label.</summary>
/// <param name="Title">The workshop's name.</param>
/// <param name="Href">Its page.</param>
/// <param name="Status">The badges and short text under the name (risk level, trend).</param>
/// <param name="Details">Label and text of each fact.</param>
public sealed record CardBlock(string Title, string Href, IReadOnlyList<Inline> Status, IReadOnlyList<(string Label, string Text)> Details) : PageBlock;

/// <summary>A block of a page's content.</summary>
public abstract record PageBlock;

/// <summary>A heading (h1 to h6), with an optional anchor and DSFR classes.</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="Text">The heading.</param>
/// <param name="Id">The anchor (<c>id</c>), or null.</param>
/// <param name="CssClass">DSFR classes, or null.</param>
public sealed record HeadingBlock(int Level, string Text, string? Id = null, string? CssClass = null) : PageBlock;

/// <summary>A paragraph of text and inline links or badges.</summary>
/// <param name="Content">The parts, in order.</param>
/// <param name="CssClass">DSFR classes (e.g. <c>fr-text--lead</c>), or null.</param>
public sealed record ParagraphBlock(IReadOnlyList<Inline> Content, string? CssClass = null) : PageBlock
{
    /// <summary>A paragraph of plain text.</summary>
    public static ParagraphBlock Of(string text, string? cssClass = null) => new([new TextInline(text)], cssClass);
}

/// <summary>A bulleted list; each item is a run of inline parts.</summary>
/// <param name="Items">The items.</param>
public sealed record ListBlock(IReadOnlyList<IReadOnlyList<Inline>> Items) : PageBlock;

/// <summary>A small DSFR information alert.</summary>
/// <param name="Text">The message.</param>
public sealed record InfoBlock(string Text) : PageBlock;

/// <summary>A row of key figures (DSFR cards): a big number, then what it is.</summary>
/// <param name="Figures">The figures.</param>
public sealed record KeyFiguresBlock(IReadOnlyList<KeyFigure> Figures) : PageBlock;

/// <summary>One key figure.</summary>
/// <param name="Figure">The number, formatted in French.</param>
/// <param name="Label">What it counts.</param>
public sealed record KeyFigure(string Figure, string Label);

/// <summary>A data table with its caption; the first column heads each row.</summary>
/// <param name="Caption">The caption.</param>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows; each cell is a run of inline parts.</param>
public sealed record TableBlock(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<Inline>> Rows) : PageBlock;

/// <summary>A chart: its heading, image with text alternative, source, downloads and data table.</summary>
/// <param name="Title">The heading above it.</param>
/// <param name="HeadingLevel">The heading's level.</param>
/// <param name="ImageHref">The PNG.</param>
/// <param name="AltText">What it shows and its main figures.</param>
/// <param name="Source">Where the data come from.</param>
/// <param name="CsvHref">Its data as CSV.</param>
/// <param name="SvgHref">Its vector image.</param>
/// <param name="Table">Its data as a table.</param>
/// <param name="ImageWidth">The image's width in pixels.</param>
/// <param name="ImageHeight">The image's height in pixels: with the width, the ratio the page keeps (the DSFR forces 16:9 on its media images otherwise).</param>
public sealed record FigureBlock(string Title, int HeadingLevel, string ImageHref, string AltText, string Source, string CsvHref, string SvgHref, TableBlock Table, int ImageWidth, int ImageHeight) : PageBlock
{
    /// <summary>The image shown on narrow screens instead (larger text), or null: the same image everywhere.</summary>
    public NarrowFigure? Narrow { get; init; }
}

/// <summary>A figure's image for narrow screens (below the DSFR's 576 px breakpoint).</summary>
/// <param name="ImageHref">The PNG.</param>
/// <param name="ImageWidth">Its width in pixels.</param>
/// <param name="ImageHeight">Its height in pixels.</param>
public sealed record NarrowFigure(string ImageHref, int ImageWidth, int ImageHeight);

/// <summary>A quotation of free text under a small heading (a workshop's narrative).</summary>
/// <param name="Heading">The heading (the quarter).</param>
/// <param name="Paragraphs">The text, paragraph by paragraph.</param>
public sealed record QuoteBlock(string Heading, IReadOnlyList<string> Paragraphs) : PageBlock;

/// <summary>
/// The form of a workshop's upload (multipart: <c>quarter</c>, <c>file</c>), posted to <paramref name="Action"/>, which
/// stores the file as any upload and comes back to the page.
/// </summary>
/// <param name="Action">Where the form posts.</param>
/// <param name="Quarters">The quarters offered (value <c>2024-Q3</c>, label in French), the most recent first.</param>
/// <param name="Hint">What the file may be.</param>
public sealed record UploadFormBlock(string Action, IReadOnlyList<(string Value, string Label)> Quarters, string Hint) : PageBlock;

/// <summary>
/// The form of a coach's follow-up of one alert (url-encoded: <c>action</c>, <c>date</c>, <c>note</c>), posted to
/// <paramref name="Action"/>, which records it and comes back to the portfolio.
/// </summary>
/// <param name="Action">Where the form posts.</param>
/// <param name="AlertId">The alert, for the fields' ids.</param>
/// <param name="Legend">What the form is about, in French.</param>
/// <param name="Today">The default and latest date.</param>
public sealed record FollowUpFormBlock(string Action, string AlertId, string Legend, DateOnly Today) : PageBlock;

/// <summary>A DSFR notice of success or error (after an upload), with its title and text.</summary>
/// <param name="Success">Green (success) or red (error).</param>
/// <param name="Title">The title.</param>
/// <param name="Text">The text.</param>
public sealed record NoticeBlock(bool Success, string Title, string Text) : PageBlock;

/// <summary>A part of a paragraph, list item or table cell.</summary>
public abstract record Inline;

/// <summary>Plain text.</summary>
/// <param name="Text">The text.</param>
public sealed record TextInline(string Text) : Inline;

/// <summary>A link to a page of the site.</summary>
/// <param name="Href">The target.</param>
/// <param name="Text">The link text.</param>
public sealed record LinkInline(string Href, string Text) : Inline
{
    /// <summary>Said to screen readers after the text (a workshop's identifier, when two workshops share a name), or null.</summary>
    public string? Of { get; init; }
}

/// <summary>A DSFR download link: its label, then its format.</summary>
/// <param name="Href">The file.</param>
/// <param name="Label">What it holds.</param>
/// <param name="Format">CSV, XLSX, SVG…</param>
public sealed record DownloadInline(string Href, string Label, string Format) : Inline
{
    /// <summary>
    /// What the file belongs to (a chart's title), said to screen readers after the label so that two links of the
    /// same visible text (« Données du graphique ») never have the same name; null when the label is enough.
    /// </summary>
    public string? Of { get; init; }
}

/// <summary>A DSFR badge.</summary>
/// <param name="Text">The badge's text.</param>
/// <param name="StatusClass">The status colour class (<c>fr-badge--success</c>…), or empty.</param>
public sealed record BadgeInline(string Text, string StatusClass) : Inline;
