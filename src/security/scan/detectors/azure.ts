import { patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const storageConnection: SecretRule = {
  id: 'azure-storage-connection-string',
  title: 'Azure storage connection string',
  description: 'An Azure Storage connection string with its AccountKey.',
  remediation: 'Rotate the storage account key in the portal and use a managed identity or Key Vault.',
  severity: 'critical',
  specificity: 'provider',
};

/** Azure Storage connection strings: the AccountKey value is the secret. */
export const azureDetector = patternDetector('azure', [
  {
    rule: storageConnection,
    pattern: /DefaultEndpointsProtocol=https?;AccountName=[^;\s]+;AccountKey=([A-Za-z0-9+/]{60,}={0,2})/,
    group: 1,
  },
]);
