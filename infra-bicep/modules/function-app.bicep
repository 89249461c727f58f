// The Flex Consumption plan (FC1) and the Linux function app (.NET 10 isolated worker).
// The app runs as a user-assigned managed identity: host storage, data storage, the deployment
// package, telemetry ingestion and Key Vault references all authenticate with it; no key anywhere.

@description('Name of the function app (globally unique host name).')
param functionAppName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets the azd service tag).')
param tags object

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity (for the identity-based connections).')
param identityClientId string

@description('Name of the storage account of the host, the data and the deployment package.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('The pipeline settings (schedules, deadlines, alert e-mail), merged over the platform settings.')
param pipelineSettings object

@description('Client ID of the Entra ID app registration that fronts the HTTP API (App Service Authentication). Empty: no platform authentication, and the API refuses every request.')
param authClientId string

@description('Tenant of that app registration.')
param authTenantId string = tenant().tenantId

// The API trusts the X-MS-CLIENT-PRINCIPAL header only when the platform wrote it: both are turned on together.
var platformAuthentication = !empty(authClientId)

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        // The regional Flex runtime catalog spells .NET 10 as '10.0'; '10' is accepted by ARM but
        // leaves an app that never starts.
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Flex Consumption takes its runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not app settings there.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(pipelineSettings, {
    // The host's own storage (leases, keys, blob receipts), by identity.
    AzureWebJobsStorage__accountName: storageAccount.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // The pipeline's data connection ("ImpactStorage"), by identity.
    ImpactStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
    ImpactStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
    ImpactStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
    ImpactStorage__credential: 'managedidentity'
    ImpactStorage__clientId: identityClientId
    // Telemetry, with Entra ID authenticated ingestion (local auth is off on the component).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    // The HTTP API reads the platform's validated principal only when App Service Authentication is on (below).
    Http__TrustPlatformAuthentication: platformAuthentication ? 'true' : 'false'
  })
}

// App Service Authentication (Entra ID): every request (the signed-in views /app/* and the API /api/*) must carry a
// valid sign-in or bearer token for the app registration; the platform then forwards the validated principal in
// X-MS-CLIENT-PRINCIPAL and strips any forged one. A person without a session is sent to the Entra ID sign-in page (a
// script sends its bearer token; one without gets 401 when it says X-Requested-With: XMLHttpRequest). Event Grid's
// blob webhook authenticates with the extension key, so its path is excluded.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (platformAuthentication) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/runtime/webhooks/blobs'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// No basic (user name and password) publishing: deployments authenticate with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName
