// The vault of the pipeline's secrets (today: the alert SMTP password). Access is by Azure RBAC only
// (no access policies), deleted secrets and the vault itself can be recovered (soft delete), and
// purge protection makes that recovery window binding, even for an administrator.

@description('Name of the vault: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Azure region of the vault.')
param location string

@description('Days a deleted vault or secret can be recovered (and its name stays taken).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionDays int

@description('Password of the SMTP account that sends the alert e-mails.')
@secure()
param smtpPassword string

@description('Tags applied to the vault.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'alerts-smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Versionless URI of the SMTP password secret, for a Key Vault reference (the app follows new versions).')
output smtpCredentialUri string = smtpPasswordSecret.properties.secretUri
