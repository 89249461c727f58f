// Development environment: the cheapest settings that still run the whole pipeline.
// Deploy: az deployment group create --resource-group <rg> --parameters infra-bicep/main.dev.bicepparam
// The SMTP values come from the environment of the shell that deploys; the password is never in the repository.
using 'main.bicep'

param environmentName = 'dev'

param storageSkuName = 'Standard_LRS'
param softDeleteRetentionDays = 7
param reportRetentionDays = 365
param deadLetterRetentionDays = 30

param functionInstanceMemoryMB = 2048
param functionMaximumInstanceCount = 40

// UTC. Weekly quarterly run (a rerun changes nothing that did not change), monthly training.
param quarterlyRunSchedule = '0 0 6 * * 1'
param riskTrainingSchedule = '0 0 3 1 * *'
param reportingDeadlineDays = 30
param followUpQuarters = 4

param alertsSmtpHost = readEnvironmentVariable('ALERTS_SMTP_HOST')
param alertsSmtpPort = int(readEnvironmentVariable('ALERTS_SMTP_PORT', '587'))
param alertsSmtpUser = readEnvironmentVariable('ALERTS_SMTP_USER')
param alertsSmtpPassword = readEnvironmentVariable('ALERTS_SMTP_PASSWORD')
param alertsSender = readEnvironmentVariable('ALERTS_SENDER')
// Who is told when uploads or e-mails wait for `impact replay` (Azure Monitor alerts).
param operationsEmail = readEnvironmentVariable('OPERATIONS_EMAIL')
param alertsCapacityPerCoach = 5

// The Entra ID app registration of the HTTP API; empty leaves the API closed (see the README, "HTTP API").
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '')

param logRetentionDays = 30
param keyVaultSoftDeleteRetentionDays = 7

// 'true' once the code is deployed (see docs/deployment.md, the Event Grid step).
param deployEventGridSubscription = bool(readEnvironmentVariable('DEPLOY_EVENT_GRID_SUBSCRIPTION', 'false'))
