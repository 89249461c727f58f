// The Event Grid subscription that delivers BlobCreated events under returns/ to the IngestReturn
// function, through the blob extension's webhook. Deployed after the code: the webhook's key
// (the host's blobs_extension system key) only exists once the app has started with its blob
// trigger. The key is read with listKeys inside the subscription and never leaves it (no output).
// Deployed by main.bicep when deployEventGridSubscription is true, or on its own by the azd
// postdeploy hook (infra-bicep/hooks/postdeploy.sh): see docs/deployment.md.

@description('Name of the function app.')
param functionAppName string

@description('Name of the Event Grid system topic of the storage account.')
param systemTopicName string

@description('Name of the storage account (holds the dead-letter container).')
param storageAccountName string

@description('Blob container that receives the events Event Grid could not deliver.')
param deadLetterContainerName string = 'eventgrid-deadletter'

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes an event is retried before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource ingestReturns 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'ingest-returns'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestReturn&code=${listKeys('${functionApp.id}/host/default', functionApp.apiVersion).systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/returns/'
      enableAdvancedFilteringOnArrays: true
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccount.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Name of the event subscription.')
output subscriptionName string = ingestReturns.name
