import type { DeployUnit } from '../../../src/features/unit.js';
import { azureApiManagement } from '../../layers/azure-api-management/layer.js';

export default {
  id: 'azure',
  label: 'Azure Container Apps (Bicep)',
  hint: 'Container App of the docker image: managed identity, Key Vault secrets, Log Analytics',
  folder: 'deploy/azure',
  implies: ['docker'],
  // A Container App's disk goes with its replica, and SQLite cannot share an Azure Files share safely.
  storages: ['memory', 'postgres', 'redis', 'cosmos'],
  layers: [azureApiManagement],
} as const satisfies DeployUnit;
