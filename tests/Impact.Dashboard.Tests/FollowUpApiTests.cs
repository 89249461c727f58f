using System.Net;
using System.Text;
using System.Text.Json;

namespace Impact.Dashboard.Tests;

/// <summary>
/// Alerts acted on, over HTTP against `impact serve` on a simulated run (the same handlers and gate as the Function app):
/// who reads a coach's alerts, who records a follow-up (201, 403, 400, 404), that follow-ups are kept, never
/// overwritten, and that the portfolio's form and the ministry's view show them.
/// </summary>
public sealed class FollowUpApiTests(ServedRun run) : IClassFixture<ServedRun>
{
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string? account, HttpMethod method, string path, string? json = null)
    {
        using var client = run.ClientAs(account);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> AlertsAsync(string account, string coach)
    {
        var (status, body) = await SendAsync(account, HttpMethod.Get, $"/api/coaches/{coach}/alerts");
        Assert.Equal(HttpStatusCode.OK, status);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(coach, document.RootElement.GetProperty("coachId").GetString());
        return [.. document.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.Clone())];
    }

    [Fact]
    public async Task CoachAlerts_TheCoachAndTheMinistryReadThemNobodyElse()
    {
        var alerts = await AlertsAsync(run.CoachAccount(run.Coach), run.Coach);
        var followed = run.Registry.Workshops.Where(w => w.CoachId == run.Coach).Select(w => w.WorkshopId).ToHashSet(StringComparer.Ordinal);

        // The other tests act on the first and the last alert (in any order): one without follow-up says so.
        Assert.True(alerts.Count >= 2, $"{alerts.Count} alerts for {run.Coach}");
        Assert.All(alerts, a =>
        {
            Assert.Contains(a.GetProperty("workshopId").GetString()!, followed);
            Assert.Equal($"{a.GetProperty("quarter").GetString()}~{a.GetProperty("workshopId").GetString()}~{a.GetProperty("level").GetString()}", a.GetProperty("id").GetString());
            Assert.Equal("sent", a.GetProperty("delivery").GetString());
            Assert.Equal(a.GetProperty("followUps").GetArrayLength() == 0, a.GetProperty("status").GetString() == "sans suite");
        });
        Assert.Equal(alerts.Select(a => a.GetProperty("id").GetString()), (await AlertsAsync(ServedRun.MinistryAccount, run.Coach)).Select(a => a.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(run.CoachAccount(run.OtherCoach), HttpMethod.Get, $"/api/coaches/{run.Coach}/alerts")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ServedRun.WorkshopAccount(run.Workshop.WorkshopId), HttpMethod.Get, $"/api/coaches/{run.Coach}/alerts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(null, HttpMethod.Get, $"/api/coaches/{run.Coach}/alerts")).Status);
    }

    [Fact]
    public async Task FollowUp_OnlyTheCoachRecordsItAndEveryOneIsKept()
    {
        var alerts = await AlertsAsync(run.CoachAccount(run.Coach), run.Coach);
        var id = alerts[^1].GetProperty("id").GetString()!;
        var path = $"/api/alerts/{Uri.EscapeDataString(id)}/follow-ups";
        var today = DateOnly.FromDateTime(run.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""{"action": "contact_made", "date": "{{today}}", "note": "Appel au gérant <b>demain</b>"}""";

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(run.CoachAccount(run.OtherCoach), HttpMethod.Post, path, body)).Status);
        var ministry = await SendAsync(ServedRun.MinistryAccount, HttpMethod.Post, path, body);
        Assert.Equal(HttpStatusCode.Forbidden, ministry.Status);
        Assert.Contains("Seul l'accompagnateur de la manufacture enregistre la suite donnée à ses alertes.", JsonDocument.Parse(ministry.Body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ServedRun.WorkshopAccount(id.Split('~')[1]), HttpMethod.Post, path, body)).Status);

        var coach = run.CoachAccount(run.Coach);
        var bad = await SendAsync(coach, HttpMethod.Post, path, """{"action": "appel", "date": "2099-01-01"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Suite non enregistrée : action « appel » inconnue : attendu acknowledged, contact_made, visit, action_plan, closed ; date 2099-01-01 dans le futur : indiquez le jour où l'action a eu lieu.",
            JsonDocument.Parse(bad.Body).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(coach, HttpMethod.Post, path, "{pas du json")).Status);
        var unknown = id.Split('~')[0] == "2020-Q1" ? "2020-Q2" : "2020-Q1";
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(coach, HttpMethod.Post, $"/api/alerts/{unknown}~{id.Split('~')[1]}~red/follow-ups", body)).Status);
        Assert.Empty((await AlertsAsync(coach, run.Coach)).Single(a => a.GetProperty("id").GetString() == id).GetProperty("followUps").EnumerateArray());

        var created = await SendAsync(coach, HttpMethod.Post, path, body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(coach, HttpMethod.Post, path, $$"""{"action": "visit", "date": "{{today}}"}""")).Status);

        var followUps = (await AlertsAsync(ServedRun.MinistryAccount, run.Coach)).Single(a => a.GetProperty("id").GetString() == id).GetProperty("followUps").EnumerateArray().ToList();
        Assert.Equal([("contact_made", today, "Appel au gérant <b>demain</b>", coach), ("visit", today, "", coach)],
            followUps.Select(f => (f.GetProperty("action").GetString(), f.GetProperty("date").GetString(), f.GetProperty("note").GetString(), f.GetProperty("by").GetString())));
    }

    [Fact]
    public async Task PortfolioForm_RecordsAndTheMinistrySeesTheStatusOfEveryRedAlert()
    {
        var coach = run.CoachAccount(run.Coach);
        var alerts = await AlertsAsync(coach, run.Coach);
        var alert = alerts[0];
        var id = alert.GetProperty("id").GetString()!;
        var portfolio = (await SendAsync(coach, HttpMethod.Get, $"/app/coaches/{run.Coach}")).Body;
        Assert.Contains($"<form method=\"post\" action=\"../alertes/{Uri.EscapeDataString(id)}/suivi\"", portfolio, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"../alertes/", (await SendAsync(ServedRun.MinistryAccount, HttpMethod.Get, $"/app/coaches/{run.Coach}")).Body, StringComparison.Ordinal);

        using var client = run.ClientAs(coach);
        using var form = new HttpRequestMessage(HttpMethod.Post, $"/app/alertes/{Uri.EscapeDataString(id)}/suivi")
        {
            Content = new FormUrlEncodedContent([new("action", "action_plan"), new("date", DateOnly.FromDateTime(run.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new("note", "")]),
        };
        form.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var posted = await client.SendAsync(form);
        Assert.Equal((HttpStatusCode.SeeOther, $"/app/coaches/{run.Coach}?suivi=enregistre#alertes"), (posted.StatusCode, posted.Headers.Location?.OriginalString));

        var after = (await SendAsync(coach, HttpMethod.Get, $"/app/coaches/{run.Coach}?suivi=enregistre")).Body;
        var day = run.Now.UtcDateTime.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Suite enregistrée", after, StringComparison.Ordinal);
        Assert.Contains($"Plan d&#x27;action convenu le {day} ({coach})", after, StringComparison.Ordinal);

        var red = await SendAsync(ServedRun.MinistryAccount, HttpMethod.Get, "/app/alertes");
        Assert.Equal(HttpStatusCode.OK, red.Status);
        Assert.Contains("<h1 class=\"fr-mt-2w\">Alertes rouges et leur suivi</h1>", red.Body, StringComparison.Ordinal);
        var redCount = System.Text.RegularExpressions.Regex.Count(red.Body, "<tr>") - 1;
        var allRed = 0;
        foreach (var c in run.Registry.Workshops.Select(w => w.CoachId).Distinct())
        {
            allRed += (await AlertsAsync(ServedRun.MinistryAccount, c)).Count(a => a.GetProperty("level").GetString() == "red");
        }

        Assert.Equal(allRed, redCount);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(coach, HttpMethod.Get, "/app/alertes")).Status);
    }
}
