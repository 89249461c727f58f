// The Event Grid system topic of the storage account: the source of the BlobCreated events that
// feed the IngestReturn blob trigger (Flex Consumption has no polling blob trigger). The topic has
// its own managed identity, allowed to write only into the dead-letter container, so undeliverable
// events land there with no storage key involved. The subscription itself is blob-events.bicep,
// deployed once the code is (it needs the blob extension's system key).

@description('Name of the system topic.')
param systemTopicName string

@description('Azure region (the storage account region).')
param location string

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

@description('Blob container that receives the dead-lettered events.')
param deadLetterContainerName string

@description('Tags applied to the topic.')
param tags object

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' existing = {
  parent: blobService
  name: deadLetterContainerName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Scoped to the dead-letter container alone.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, systemTopic.id, storageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the system topic.')
output name string = systemTopic.name
