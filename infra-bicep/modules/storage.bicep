// The pipeline's storage account: returns, reports, registry, evaluation data and models (blobs),
// the submission/return/indicator/score/alert records (tables), the alert queue, the Functions host's
// own state and deployment package, and the dashboard (static website, container $web).
// Secure defaults: Entra ID only (no shared keys), no anonymous blob access, HTTPS and TLS 1.2.
// Nothing is lost by mistake: blob versioning and soft delete everywhere; the only lifecycle rules
// delete old validation reports and old Event Grid dead letters. Returns are evidence: never deleted.

@description('Globally unique storage account name: 3-24 lowercase letters and digits.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Azure region of the storage account.')
param location string

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob containers to create.')
param containerNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Queues to create.')
param queueNames string[]

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Days after which a validation report (container reports) and its previous versions are deleted.')
@minValue(30)
@maxValue(3650)
param reportRetentionDays int

@description('Days after which an undeliverable Event Grid event (container eventgrid-deadletter) is deleted.')
@minValue(7)
@maxValue(3650)
param deadLetterRetentionDays int

@description('Tags applied to the account.')
param tags object

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    // The dashboard; the service creates the $web container. Whatever is put there is public
    // (anonymous reads through the web endpoint), whatever allowBlobPublicAccess says.
    staticWebsite: {
      enabled: true
      indexDocument: 'index.html'
    }
  }
}

// Old validation reports go (a workshop reads its report within days); returns, the registry,
// models, results and the dashboard are never touched by a rule.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-06-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-reports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'reports/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: reportRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: reportRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'delete-old-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'eventgrid-deadletter/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: deadLetterRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: deadLetterRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

@description('Name of the storage account.')
output name string = storageAccount.name

@description('Resource ID of the storage account.')
output id string = storageAccount.id

@description('Blob service endpoint.')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Table service endpoint.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table

@description('Queue service endpoint.')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('Static website endpoint (the dashboard).')
output webEndpoint string = storageAccount.properties.primaryEndpoints.web
