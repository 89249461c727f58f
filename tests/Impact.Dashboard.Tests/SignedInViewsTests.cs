using System.Net;
using System.Net.Http.Headers;

namespace Impact.Dashboard.Tests;

/// <summary>
/// Who sees what in the signed-in views, over HTTP against `impact serve` on a simulated run: every view for every role,
/// with the status and what the page holds. The same handlers and gate run in the Function app.
/// </summary>
public sealed class SignedInViewsTests(ServedRun run) : IClassFixture<ServedRun>
{
    private async Task<(HttpStatusCode Status, string Body, string? Location)> GetAsync(string? account, string path)
    {
        using var client = run.ClientAs(account);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>A text as the pages encode it (French letters kept, markup characters encoded).</summary>
    /// <summary>A text as the pages write it: encoded, with French spacing.</summary>
    private static string Html(string text) => Impact.Analytics.Dashboard.FrenchTypography.Html(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text));

    [Fact]
    public async Task Home_SendsEachRoleToItsOwnPage()
    {
        Assert.Equal((HttpStatusCode.Redirect, $"/app/workshops/{run.Workshop.WorkshopId}"), Pick(await GetAsync(ServedRun.WorkshopAccount(run.Workshop.WorkshopId), "/app")));
        Assert.Equal((HttpStatusCode.Redirect, $"/app/coaches/{run.Coach}"), Pick(await GetAsync(run.CoachAccount(run.Coach), "/app")));
        Assert.Equal((HttpStatusCode.Redirect, "/app/national"), Pick(await GetAsync(ServedRun.MinistryAccount, "/app")));

        static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string Body, string? Location) r) => (r.Status, r.Location);
    }

    [Fact]
    public async Task WithoutIdentity_EveryViewIs401WithASignInLink()
    {
        var (status, body, _) = await GetAsync(null, $"/app/workshops/{run.Workshop.WorkshopId}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("<h1 class=\"fr-mt-4w\">Connexion requise</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<a class=\"fr-link\" href=\"/connexion\">Se connecter</a>", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(null, "/app/national")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(null, $"/app/coaches/{run.Coach}")).Status);
    }

    [Fact]
    public async Task AnAccountNotInTheDirectoryIs403()
    {
        var (status, body, _) = await GetAsync("inconnu@example.org", "/app");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Votre compte n&#x27;est rattaché à aucune manufacture ni à aucun rôle&#xA0;: demandez au ministère de l&#x27;ajouter.", body, StringComparison.Ordinal);
    }

    /// <summary>The matrix of the issue: each role, each view, the status it gets.</summary>
    [Fact]
    public async Task EachRole_GetsExactlyItsViewsAnd403Elsewhere()
    {
        var workshop = run.Workshop.WorkshopId;
        var chart = $"/app/workshops/{workshop}/graphiques/manufacture-emplois.svg";
        var accounts = new[]
        {
            ("workshop", ServedRun.WorkshopAccount(workshop)),
            ("second workshop", ServedRun.WorkshopAccount(run.SecondWorkshop.WorkshopId)),
            ("coach", run.CoachAccount(run.Coach)),
            ("other coach", run.CoachAccount(run.OtherCoach)),
            ("ministry", ServedRun.MinistryAccount),
        };
        var views = new[] { "/app/national", "/app/completude.html", "/app/donnees/indicateurs.csv", $"/app/coaches/{run.Coach}", $"/app/workshops/{workshop}", chart };
        var seen = new List<string>();
        foreach (var (role, account) in accounts)
        {
            foreach (var view in views)
            {
                seen.Add($"{role} {view} {(int)(await GetAsync(account, view)).Status}");
            }
        }

        Assert.Equal(
        [
            $"workshop /app/national 403", "workshop /app/completude.html 403", "workshop /app/donnees/indicateurs.csv 403", $"workshop /app/coaches/{run.Coach} 403", $"workshop /app/workshops/{workshop} 200", $"workshop {chart} 200",
            $"second workshop /app/national 403", "second workshop /app/completude.html 403", "second workshop /app/donnees/indicateurs.csv 403", $"second workshop /app/coaches/{run.Coach} 403", $"second workshop /app/workshops/{workshop} 403", $"second workshop {chart} 403",
            $"coach /app/national 403", "coach /app/completude.html 403", "coach /app/donnees/indicateurs.csv 403", $"coach /app/coaches/{run.Coach} 200", $"coach /app/workshops/{workshop} 200", $"coach {chart} 200",
            $"other coach /app/national 403", "other coach /app/completude.html 403", "other coach /app/donnees/indicateurs.csv 403", $"other coach /app/coaches/{run.Coach} 403", $"other coach /app/workshops/{workshop} 403", $"other coach {chart} 403",
            $"ministry /app/national 200", "ministry /app/completude.html 200", "ministry /app/donnees/indicateurs.csv 200", $"ministry /app/coaches/{run.Coach} 200", $"ministry /app/workshops/{workshop} 200", $"ministry {chart} 200",
        ], seen);
    }

    [Fact]
    public async Task WorkshopPage_TheWorkshopSeesItsLevelAndTheCoachTheReasons()
    {
        var path = $"/app/workshops/{run.Workshop.WorkshopId}";
        var own = (await GetAsync(ServedRun.WorkshopAccount(run.Workshop.WorkshopId), path)).Body;
        var coach = (await GetAsync(run.CoachAccount(run.Coach), path)).Body;
        var reason = Html(run.WorkshopRisk.Reasons[0]);

        Assert.Contains($"<h1 class=\"fr-mt-2w\">{Html(run.Workshop.Name)}</h1>", own, StringComparison.Ordinal);
        Assert.Contains("Votre accompagnateur en connaît le détail", own, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, own, StringComparison.Ordinal);
        Assert.DoesNotContain("sur 1)", own, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\"", own, StringComparison.Ordinal);
        Assert.Contains($"<li>{reason}</li>", coach, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", coach, StringComparison.Ordinal);
        Assert.Contains("Dépôts reçus, du plus récent au plus ancien", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portfolio_ListsTheCoachsWorkshopsOnly()
    {
        var body = (await GetAsync(run.CoachAccount(run.Coach), $"/app/coaches/{run.Coach}")).Body;
        var followed = run.Registry.Workshops.Where(w => w.CoachId == run.Coach).Select(w => w.WorkshopId).Order(StringComparer.Ordinal).ToList();
        var linked = System.Text.RegularExpressions.Regex.Matches(body, "href=\"\\.\\./workshops/([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(followed, linked);
        Assert.Contains("<h1 class=\"fr-mt-2w\">Mon portefeuille</h1>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadForm_StoresAndIngestsAtOnceThenComesBackToThePage()
    {
        var quarter = run.Workshop.LabelledQuarter.AddQuarters(7);
        using var client = run.ClientAs(ServedRun.WorkshopAccount(run.Workshop.WorkshopId));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(quarter.ToString()), "quarter");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(run.SampleReturnPath(quarter)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"{quarter}.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/app/workshops/{run.Workshop.WorkshopId}/depot") { Content = form };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/app/workshops/{run.Workshop.WorkshopId}?depot={quarter}#depots", response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"Votre retour du {quarter.ToFrench()} a bien été reçu.", page, StringComparison.Ordinal);
        Assert.Matches($"{quarter.ToFrench()}</th><td>[^<]+</td><td>{quarter}.csv</td><td>{System.Text.RegularExpressions.Regex.Escape(ServedRun.WorkshopAccount(run.Workshop.WorkshopId))}, par le formulaire</td><td><span class=\"fr-badge fr-badge--no-icon fr-badge--(success|error)\">", page);
    }

    [Fact]
    public async Task UploadForm_FromAnotherSiteOrByTheCoachIsRefused()
    {
        var quarter = run.AsOf.AddQuarters(1);
        async Task<HttpStatusCode> PostAsync(string account, string? fetchSite)
        {
            using var client = run.ClientAs(account);
            using var form = new MultipartFormDataContent { { new StringContent(quarter.ToString()), "quarter" }, { new ByteArrayContent("x"u8.ToArray()), "file", "r.csv" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/app/workshops/{run.Workshop.WorkshopId}/depot") { Content = form };
            if (fetchSite is not null)
            {
                request.Headers.Add("Sec-Fetch-Site", fetchSite);
            }

            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(ServedRun.WorkshopAccount(run.Workshop.WorkshopId), "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(run.CoachAccount(run.Coach), "same-origin"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(ServedRun.WorkshopAccount(run.SecondWorkshop.WorkshopId), "same-origin"));
        Assert.False(File.Exists(Path.Combine(run.InputFolder, "returns", run.Workshop.WorkshopId, $"{quarter}.csv")));
    }

    [Theory]
    [InlineData("/app/accessibilite.html", "<h1>Déclaration d&#x27;accessibilité</h1>")]
    [InlineData("/app/donnees-personnelles.html", "<h1>Données personnelles</h1>")]
    public async Task LegalPages_AreServedToEveryReaderAndLinkedFromEveryFooter(string path, string heading)
    {
        foreach (var account in new[] { ServedRun.WorkshopAccount(run.Workshop.WorkshopId), run.CoachAccount(run.Coach), ServedRun.MinistryAccount })
        {
            var (status, body, _) = await GetAsync(account, path);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(heading, body, StringComparison.Ordinal);
        }

        var home = await GetAsync(ServedRun.WorkshopAccount(run.Workshop.WorkshopId), $"/app/workshops/{run.Workshop.WorkshopId}");
        Assert.Contains($"href=\"../{path["/app/".Length..]}\"", home.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWorkshop_IsAFrench404ForTheMinistry()
    {
        var (status, body, _) = await GetAsync(ServedRun.MinistryAccount, "/app/workshops/MP-999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Aucune manufacture MP-999 dans le registre du dernier traitement.", body, StringComparison.Ordinal);
    }
}
