#!/bin/sh
# azd postdeploy hook (run from the repository root, after `azd deploy` or `azd up`).
# Subscribes IngestReturn to BlobCreated events under returns/ (modules/blob-events.bicep). This can
# only happen after the code is deployed: the webhook's key, the host's blobs_extension system key,
# exists once the app has started with its Event Grid blob trigger. The key is read by listKeys
# inside the deployment and never printed. Needs the Azure CLI, signed in (az login).
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd: AZURE_RESOURCE_GROUP is not set}"
: "${AZURE_FUNCTION_APP_NAME:?run azd provision first: AZURE_FUNCTION_APP_NAME is not set}"
: "${EVENT_GRID_SYSTEM_TOPIC_NAME:?run azd provision first: EVENT_GRID_SYSTEM_TOPIC_NAME is not set}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?run azd provision first: AZURE_STORAGE_ACCOUNT_NAME is not set}"

attempts=6
attempt=1
until az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name impact-blob-events \
  --template-file infra-bicep/modules/blob-events.bicep \
  --parameters \
    functionAppName="$AZURE_FUNCTION_APP_NAME" \
    systemTopicName="$EVENT_GRID_SYSTEM_TOPIC_NAME" \
    storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
    deadLetterContainerName="${EVENT_GRID_DEAD_LETTER_CONTAINER:-eventgrid-deadletter}" \
  --only-show-errors --output none
do
  if [ "$attempt" -ge "$attempts" ]; then
    echo "The Event Grid subscription could not be deployed after $attempts attempts; see docs/deployment.md (the Event Grid step)." >&2
    exit 1
  fi
  echo "The function host or its blob extension key is not ready yet (attempt $attempt of $attempts): retrying in 30 s."
  sleep 30
  attempt=$((attempt + 1))
done

# From now on `azd provision` keeps the subscription declared (main.bicep, deployEventGridSubscription).
azd env set DEPLOY_EVENT_GRID_SUBSCRIPTION true
echo "Event Grid subscription ingest-returns: BlobCreated under returns/ -> IngestReturn."
