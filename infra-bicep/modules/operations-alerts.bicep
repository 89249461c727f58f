// Azure Monitor alerts for the operators: work that failed for good and waits for `impact replay` after the fix.
//   - Event Grid dead letters: BlobCreated events the system topic could not deliver to IngestReturn (metric
//     DeadLetteredCount of the topic), so an upload was not ingested when it arrived;
//   - the poison queue: e-mails (alerts, notices) the host gave up on and moved to risk-alerts-poison. Queue metrics
//     are per account, not per queue, so the rule reads the logs: the host's own line when it moves a message, and
//     the warning the daily FollowUpRound function writes while anything waits (FollowUpRound.FailedWorkMarker).
// Both e-mail the operators' address through one action group. docs/operations.md says what to do.

@description('Suffix of the resource names, for example impact-dev-abc123.')
param baseName string

@description('Azure region of the log alert (the workspace region).')
param location string

@description('Address of the operators who receive the alerts.')
param operationsEmail string

@description('Resource ID of the Log Analytics workspace the function app logs to.')
param workspaceId string

@description('Name of the Event Grid system topic of the storage account.')
param systemTopicName string

@description('Tags applied to every resource.')
param tags object

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'impactops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: operationsEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource deadLetters 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${baseName}-deadletters'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid could not deliver an upload event to IngestReturn: the upload waits in eventgrid-deadletter. Fix the cause, then run impact replay --storage (docs/operations.md).'
    severity: 2
    enabled: true
    scopes: [
      systemTopic.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered-events'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeadLetteredCount'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [
      {
        actionGroupId: operators.id
      }
    ]
  }
}

resource poisonQueue 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-${baseName}-poison'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'E-mails in risk-alerts-poison'
    description: 'An alert or notice could not be sent after every retry and waits in risk-alerts-poison. Fix the cause (SMTP settings, relay), then run impact replay --storage (docs/operations.md).'
    severity: 2
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'AppTraces | where Message has "risk-alerts-poison" and (Message has "Moving message to queue" or Message startswith "Failed work waiting for impact replay")'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}

@description('Resource ID of the operators action group.')
output actionGroupId string = operators.id
