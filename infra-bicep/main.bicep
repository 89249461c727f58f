// Impact: the Azure resources of the quarterly pipeline.
// For now the storage account that holds the pipeline data (see docs of the storage layout in
// ARCHITECTURE.md); the Flex Consumption function app is added as a further module later.
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

var tags = {
  application: namePrefix
  environment: environmentName
}

// Lowercase letters and digits only, at most 24 characters, stable for a resource group.
var storageAccountName = take(toLower('st${namePrefix}${environmentName}${uniqueString(resourceGroup().id)}'), 24)

module storage 'modules/storage.bicep' = {
  params: {
    storageAccountName: storageAccountName
    location: location
    skuName: storageSkuName
    softDeleteRetentionDays: softDeleteRetentionDays
    tags: tags
    // The storage layout of ARCHITECTURE.md ($web is created by the static website setting).
    containerNames: [
      'returns'
      'reports'
      'registry'
      'evaluation'
      'models'
      'results'
    ]
    tableNames: [
      'Submissions'
      'Returns'
      'Indicators'
      'RiskScores'
      'Alerts'
    ]
    queueNames: [
      'risk-alerts'
      'risk-alerts-poison'
    ]
  }
}

@description('Name of the pipeline storage account.')
output storageAccountName string = storage.outputs.name

@description('Blob service endpoint of the pipeline storage account.')
output blobEndpoint string = storage.outputs.blobEndpoint

@description('Table service endpoint of the pipeline storage account.')
output tableEndpoint string = storage.outputs.tableEndpoint

@description('Queue service endpoint of the pipeline storage account.')
output queueEndpoint string = storage.outputs.queueEndpoint
