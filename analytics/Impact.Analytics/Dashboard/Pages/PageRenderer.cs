using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace Impact.Analytics.Dashboard.Pages;

/// <summary>
/// Renders a page component to its HTML with ASP.NET Core's <see cref="HtmlRenderer"/>: every value a component writes is
/// encoded unless it is explicitly markup, so no data (a name, a narrative, a reason) can become HTML. The encoder
/// leaves French letters as they are (<c>é</c>, not <c>&amp;#xE9;</c>) and encodes &lt;, &gt;, &amp; and quotes. The
/// page's text then gets French spacing (<see cref="FrenchTypography.Html"/>): no line starts with « : » or « » ».
/// </summary>
internal static class PageRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The HTML of <typeparamref name="TComponent"/> with <paramref name="parameters"/>.</summary>
    public static string Render<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        var renderer = new HtmlRenderer(new Services(), NullLoggerFactory.Instance);
        try
        {
            // The pages have no asynchronous work: the task is complete when InvokeAsync returns.
            var html = renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
            return FrenchTypography.Html(html.GetAwaiter().GetResult());
        }
        finally
        {
            renderer.Dispose();
        }
    }

    /// <summary>What the renderer asks for: only the encoder (every other service is optional to it).</summary>
    private sealed class Services : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : null;
    }
}
