// Impact: every Azure resource of the quarterly pipeline, in an empty resource group.
//   storage account (data, host, deployment package, dashboard) ─ Event Grid system topic on it
//   Flex Consumption plan + function app (.NET 10 isolated), running as a user-assigned identity
//   Log Analytics + Application Insights (Entra-only ingestion), Key Vault (RBAC) for the SMTP password
//   role assignments of that identity, exactly what it needs
//   Event Grid subscription returns/ → IngestReturn, once the code is deployed (deployEventGridSubscription)
//   Azure Monitor alerts to the operators: Event Grid dead letters and the poison queue (operations-alerts.bicep)
// Walk-through: docs/deployment.md. Parameters: main.dev.bicepparam, main.prod.bicepparam, and
// main.parameters.json (the azd one, fed by the azd environment).
targetScope = 'resourceGroup'

@description('Azure region of every resource; defaults to the resource group region.')
param location string = resourceGroup().location

@description('Short lowercase prefix of every resource name.')
@minLength(2)
@maxLength(8)
param namePrefix string = 'impact'

@description('Environment name, for example dev, test or prod.')
@minLength(2)
@maxLength(8)
param environmentName string

// ── storage ──────────────────────────────────────────────────────────────────────────────────

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 14

@description('Days after which a validation report is deleted (returns themselves are never deleted).')
@minValue(30)
@maxValue(3650)
param reportRetentionDays int = 730

@description('Days after which an undeliverable Event Grid event is deleted from the dead-letter container.')
@minValue(7)
@maxValue(3650)
param deadLetterRetentionDays int = 90

// ── function app ─────────────────────────────────────────────────────────────────────────────

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('NCRONTAB schedule (six fields, UTC) of the QuarterlyRun function.')
param quarterlyRunSchedule string = '0 0 6 * * 1'

@description('NCRONTAB schedule (six fields, UTC) of the TrainRiskModel function.')
param riskTrainingSchedule string = '0 0 3 1 * *'

@description('Days after the end of a quarter within which a return counts as on time.')
@minValue(0)
@maxValue(365)
param reportingDeadlineDays int = 30

@description('Quarters after the end of support during which returns are still expected.')
@minValue(0)
@maxValue(40)
param followUpQuarters int = 4

// ── alert e-mail ─────────────────────────────────────────────────────────────────────────────

@description('Host name of the SMTP server that sends the alert e-mails.')
param alertsSmtpHost string

@description('Port of the SMTP server.')
@minValue(1)
@maxValue(65535)
param alertsSmtpPort int = 587

@description('How the SMTP connection is secured.')
@allowed([
  'StartTls'
  'SslOnConnect'
])
param alertsSmtpSecurity string = 'StartTls'

@description('User name of the SMTP account.')
param alertsSmtpUser string

@description('Password of the SMTP account: stored in Key Vault, never in an app setting. No default.')
@secure()
param alertsSmtpPassword string

@description('Sender address of the alert e-mails.')
param alertsSender string

@description('Alerts per coach and quarter.')
@minValue(0)
@maxValue(100)
param alertsCapacityPerCoach int = 5

// ── telemetry, secrets ───────────────────────────────────────────────────────────────────────

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Days a deleted Key Vault or secret can be recovered (purge protection is on).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionDays int = 90

@description('Client ID of the Entra ID app registration of the HTTP API (App Service Authentication); empty leaves the API closed (every request 401).')
param authClientId string = ''

// ── after the code deployment ────────────────────────────────────────────────────────────────

@description('Address of the operators: Azure Monitor e-mails it when uploads or e-mails wait for impact replay (dead letters, poison queue).')
param operationsEmail string

@description('Address the public site gives readers for accessibility and personal data requests (its accessibility statement and « Données personnelles » page); by default the operators\' address.')
param publicContactEmail string = operationsEmail

@description('Deploy the Event Grid subscription returns/ → IngestReturn. Only once the code is deployed: it needs the blob extension key.')
param deployEventGridSubscription bool = false

var tags = {
  application: namePrefix
  environment: environmentName
  'azd-env-name': environmentName
}

var suffix = uniqueString(resourceGroup().id)
// Lowercase letters and digits only, at most 24 characters, stable for a resource group.
var storageAccountName = take(toLower('st${namePrefix}${environmentName}${suffix}'), 24)
var keyVaultName = take('kv-${namePrefix}-${environmentName}-${suffix}', 24)
var functionAppName = 'func-${namePrefix}-${environmentName}-${suffix}'
var systemTopicName = 'evgt-${namePrefix}-${environmentName}-${suffix}'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'

module storage 'modules/storage.bicep' = {
  params: {
    storageAccountName: storageAccountName
    location: location
    skuName: storageSkuName
    softDeleteRetentionDays: softDeleteRetentionDays
    reportRetentionDays: reportRetentionDays
    deadLetterRetentionDays: deadLetterRetentionDays
    tags: tags
    // The storage layout of ARCHITECTURE.md ($web is created by the static website setting),
    // the deployment package and the Event Grid dead letters.
    containerNames: [
      'returns'
      'reports'
      'registry'
      'evaluation'
      'models'
      'results'
      deploymentContainerName
      deadLetterContainerName
    ]
    tableNames: [
      'Submissions'
      'Returns'
      'Indicators'
      'RiskScores'
      'Alerts'
      'Notices'
      'FollowUps'
      'Uploads'
    ]
    queueNames: [
      'risk-alerts'
      'risk-alerts-poison'
    ]
  }
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${namePrefix}-${environmentName}-${suffix}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    workspaceName: 'log-${namePrefix}-${environmentName}-${suffix}'
    appInsightsName: 'appi-${namePrefix}-${environmentName}-${suffix}'
    location: location
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  params: {
    keyVaultName: keyVaultName
    location: location
    softDeleteRetentionDays: keyVaultSoftDeleteRetentionDays
    smtpPassword: alertsSmtpPassword
    tags: tags
  }
}

module appRoles 'modules/app-roles.bicep' = {
  params: {
    principalId: appIdentity.properties.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module functionApp 'modules/function-app.bicep' = {
  params: {
    functionAppName: functionAppName
    planName: 'plan-${namePrefix}-${environmentName}-${suffix}'
    location: location
    tags: tags
    identityId: appIdentity.id
    identityClientId: appIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    authClientId: authClientId
    // Schedules are NCRONTAB in UTC (Linux apps have no WEBSITE_TIME_ZONE).
    pipelineSettings: {
      QUARTERLY_RUN_SCHEDULE: quarterlyRunSchedule
      RISK_TRAINING_SCHEDULE: riskTrainingSchedule
      Reporting__DeadlineDays: string(reportingDeadlineDays)
      Reporting__FollowUpQuarters: string(followUpQuarters)
      Alerts__SmtpHost: alertsSmtpHost
      Alerts__SmtpPort: string(alertsSmtpPort)
      Alerts__Security: alertsSmtpSecurity
      Alerts__SmtpUser: alertsSmtpUser
      Alerts__SmtpPassword: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.smtpCredentialUri})'
      Alerts__Sender: alertsSender
      // The e-mails link to the signed-in views of this app (/app/workshops/{id}), behind its sign-in.
      Alerts__DashboardBaseUrl: 'https://${functionAppName}.azurewebsites.net/'
      Alerts__CapacityPerCoach: string(alertsCapacityPerCoach)
      // What the public site's legal pages state: the contact address and how long reports are kept (the lifecycle rule's days).
      QuarterlyRun__ContactEmail: publicContactEmail
      QuarterlyRun__ReportRetentionDays: string(reportRetentionDays)
    }
  }
  // The identity holds its roles before the host first starts.
  dependsOn: [
    appRoles
  ]
}

module eventGridTopic 'modules/event-grid-topic.bicep' = {
  params: {
    systemTopicName: systemTopicName
    location: location
    storageAccountName: storage.outputs.name
    deadLetterContainerName: deadLetterContainerName
    tags: tags
  }
}

module operationsAlerts 'modules/operations-alerts.bicep' = {
  params: {
    baseName: '${namePrefix}-${environmentName}-${suffix}'
    location: location
    operationsEmail: operationsEmail
    workspaceId: monitoring.outputs.workspaceId
    systemTopicName: eventGridTopic.outputs.name
    tags: tags
  }
}

module blobEvents 'modules/blob-events.bicep' = if (deployEventGridSubscription) {
  params: {
    functionAppName: functionApp.outputs.name
    systemTopicName: eventGridTopic.outputs.name
    storageAccountName: storage.outputs.name
    deadLetterContainerName: deadLetterContainerName
  }
}

// Outputs become azd environment values (and the hooks' environment variables). No key, no secret.

@description('Resource group of the deployment.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Name of the pipeline storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob service endpoint of the pipeline storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Table service endpoint of the pipeline storage account.')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('Queue service endpoint of the pipeline storage account.')
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint

@description('The public dashboard (static website endpoint: anonymous, the scheme under statistical secrecy).')
output DASHBOARD_URL string = storage.outputs.webEndpoint

@description('The signed-in views (workshops, coaches, ministry), behind App Service Authentication.')
output SIGNED_IN_URL string = 'https://${functionApp.outputs.defaultHostName}/app'

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Default host name of the function app.')
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName

@description('Client ID of the identity the function app runs as.')
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = appIdentity.properties.clientId

@description('Name of the Event Grid system topic of the storage account.')
output EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGridTopic.outputs.name

@description('Blob container of the dead-lettered Event Grid events.')
output EVENT_GRID_DEAD_LETTER_CONTAINER string = deadLetterContainerName

@description('Name of the Key Vault.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Name of the Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
