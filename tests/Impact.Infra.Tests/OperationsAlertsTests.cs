using Impact.Functions.Triggers;

namespace Impact.Infra.Tests;

/// <summary>
/// The Azure Monitor alerts of modules/operations-alerts.bicep, as compiled into main: Event Grid dead letters and the
/// poison queue each e-mail the operators' address, and the log query looks for exactly the text the daily
/// FollowUpRound function writes.
/// </summary>
public class OperationsAlertsTests
{
    private const string ActionGroupType = "Microsoft.Insights/actionGroups";
    private const string MetricAlertType = "Microsoft.Insights/metricAlerts";
    private const string LogAlertType = "Microsoft.Insights/scheduledQueryRules";

    [Fact]
    public async Task The_action_group_mails_the_operations_address_of_the_parameters()
    {
        var resources = TemplateModel.Flatten(await CompiledTemplates.MainAsync());
        var group = Assert.Single(resources, r => r.Is(ActionGroupType));

        var receiver = Assert.Single(group.Node["properties"]!["emailReceivers"]!.AsArray())!;

        Assert.Equal("parameters('operationsEmail')", ArmValue.From(receiver["emailAddress"], group.Context).Origin().Text);
        Assert.True((bool?)group.Node["properties"]?["enabled"]);
    }

    [Fact]
    public async Task Dead_letters_alert_on_the_system_topic_at_the_first_event()
    {
        var resources = TemplateModel.Flatten(await CompiledTemplates.MainAsync());
        var alert = Assert.Single(resources, r => r.Is(MetricAlertType)).Node["properties"]!;
        var criterion = Assert.Single(alert["criteria"]!["allOf"]!.AsArray())!;

        Assert.Equal(
            ("Microsoft.EventGrid/systemTopics", "DeadLetteredCount", "GreaterThan", 0, "Total"),
            ((string?)criterion["metricNamespace"], (string?)criterion["metricName"], (string?)criterion["operator"], (int?)criterion["threshold"], (string?)criterion["timeAggregation"]));
        Assert.Contains("Microsoft.EventGrid/systemTopics", Assert.Single(alert["scopes"]!.AsArray())!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/actionGroups", Assert.Single(alert["actions"]!.AsArray())!["actionGroupId"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poison_queue_alert_reads_the_lines_the_host_and_the_follow_up_round_write()
    {
        var resources = TemplateModel.Flatten(await CompiledTemplates.MainAsync());
        var alert = Assert.Single(resources, r => r.Is(LogAlertType)).Node;
        var criterion = Assert.Single(alert["properties"]!["criteria"]!["allOf"]!.AsArray())!;
        var query = (string)criterion["query"]!;

        Assert.Equal("LogAlert", (string?)alert["kind"]);
        Assert.Contains("Message has \"risk-alerts-poison\"", query, StringComparison.Ordinal);
        Assert.Contains($"Message startswith \"{FollowUpRound.FailedWorkMarker}\"", query, StringComparison.Ordinal);
        Assert.Contains("Message has \"Moving message to queue\"", query, StringComparison.Ordinal);
        Assert.Equal(("Count", "GreaterThan", 0), ((string?)criterion["timeAggregation"], (string?)criterion["operator"], (int?)criterion["threshold"]));
        Assert.Contains("workspaceId", Assert.Single(alert["properties"]!["scopes"]!.AsArray())!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/actionGroups", Assert.Single(alert["properties"]!["actions"]!["actionGroups"]!.AsArray())!.ToString(), StringComparison.Ordinal);
    }
}
