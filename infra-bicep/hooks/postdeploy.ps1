# azd postdeploy hook for Windows (the same steps as postdeploy.sh; run from the repository root).
# Subscribes IngestReturn to BlobCreated events under returns/ once the code is deployed: the webhook's
# key (the host's blobs_extension system key) only exists after the app has started. Needs the Azure CLI.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME', 'AZURE_STORAGE_ACCOUNT_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run azd provision first." }
}
$deadLetter = if ($env:EVENT_GRID_DEAD_LETTER_CONTAINER) { $env:EVENT_GRID_DEAD_LETTER_CONTAINER } else { 'eventgrid-deadletter' }

$attempts = 6
for ($attempt = 1; ; $attempt++) {
    az deployment group create `
        --resource-group $env:AZURE_RESOURCE_GROUP `
        --name impact-blob-events `
        --template-file infra-bicep/modules/blob-events.bicep `
        --parameters "functionAppName=$env:AZURE_FUNCTION_APP_NAME" "systemTopicName=$env:EVENT_GRID_SYSTEM_TOPIC_NAME" `
                     "storageAccountName=$env:AZURE_STORAGE_ACCOUNT_NAME" "deadLetterContainerName=$deadLetter" `
        --only-show-errors --output none
    if ($LASTEXITCODE -eq 0) { break }
    if ($attempt -ge $attempts) { throw "The Event Grid subscription could not be deployed after $attempts attempts; see docs/deployment.md." }
    Write-Host "The function host or its blob extension key is not ready yet (attempt $attempt of $attempts): retrying in 30 s."
    Start-Sleep -Seconds 30
}

azd env set DEPLOY_EVENT_GRID_SUBSCRIPTION true
Write-Host 'Event Grid subscription ingest-returns: BlobCreated under returns/ -> IngestReturn.'
