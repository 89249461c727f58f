using System.Text;
using System.Text.RegularExpressions;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// French spacing, as a French reader expects it on a page: the space before « : », « ; », « ! », « ? » and « » », and
/// after « « », does not break, so that a line never starts with a colon or a closing guillemet, nor ends with an
/// opening one (« (colonne «⏎Retours reçus ») » at 390 px). Every page and e-mail goes through <see cref="Html"/> once,
/// after rendering: the rules are not scattered over the texts, and no text can forget them.
/// </summary>
public static partial class FrenchTypography
{
    /// <summary>
    /// <paramref name="text"/> with each run of ordinary spaces (and line breaks) before <c>: ; ! ? »</c> and after
    /// <c>«</c> made one no-break space (U+00A0). A colon with no space before it (a time, a URL, « 2024-Q3:x ») is left
    /// alone: only the space a writer put there changes.
    /// </summary>
    public static string Text(string text) => Spaced(text, Nbsp);

    private static string Spaced(string text, string nbsp) =>
        text.AsSpan().IndexOfAny(Marks) < 0 ? text : After().Replace(Before().Replace(text, nbsp), nbsp);

    /// <summary>
    /// <paramref name="html"/> with <see cref="Text"/> applied to its text only: never inside a tag (attributes, which no
    /// line wraps), a comment, or a <c>script</c>, <c>style</c>, <c>pre</c> or <c>textarea</c> element (code, and text a
    /// user edits and sends back as typed). The no-break space is written <c>&amp;#xA0;</c>, as the page's encoder writes
    /// those of figures.
    /// </summary>
    public static string Html(string html)
    {
        var output = new StringBuilder(html.Length + 64);
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            var textEnd = open < 0 ? html.Length : open;
            if (textEnd > i)
            {
                output.Append(Spaced(html[i..textEnd], EncodedNbsp));
            }

            if (open < 0)
            {
                break;
            }

            var tagEnd = TagEnd(html, open);
            output.Append(html, open, tagEnd - open);
            i = tagEnd;
            if (RawElement(html, open) is { } raw)
            {
                // The element's content, up to its closing tag, is copied as is.
                var close = html.IndexOf("</" + raw, i, StringComparison.OrdinalIgnoreCase);
                var stop = close < 0 ? html.Length : close;
                output.Append(html, i, stop - i);
                i = stop;
            }
        }

        return output.ToString();
    }

    private const string Nbsp = "\u00A0";

    private const string EncodedNbsp = "&#xA0;";

    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create(":;!?»«");

    private static readonly string[] RawElements = ["script", "style", "pre", "textarea"];

    /// <summary>Spaces before a mark that takes one, itself followed by a space, the end, or closing punctuation.</summary>
    [GeneratedRegex(@"[ \t\r\n]+(?=[:;!?»](?:[\s\p{P}]|$))")]
    private static partial Regex Before();

    /// <summary>Spaces after an opening guillemet.</summary>
    [GeneratedRegex(@"(?<=«)[ \t\r\n]+")]
    private static partial Regex After();

    /// <summary>The index just past the tag or comment that starts at <paramref name="open"/> (quoted values may hold &gt;).</summary>
    private static int TagEnd(string html, int open)
    {
        if (string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        char? quote = null;
        for (var j = open + 1; j < html.Length; j++)
        {
            var c = html[j];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j + 1;
            }
        }

        return html.Length;
    }

    /// <summary>The name of the raw element the tag at <paramref name="open"/> opens, or null.</summary>
    private static string? RawElement(string html, int open)
    {
        foreach (var name in RawElements)
        {
            var after = open + 1 + name.Length;
            if (after < html.Length
                && string.Compare(html, open + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && !char.IsAsciiLetterOrDigit(html[after]) && html[after] != '-')
            {
                return name;
            }
        }

        return null;
    }
}
