/** A partner of the wallet provider. Its API key is stored only as a hash. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

/** Tenant names appear in seed 002 paths (`/v1/{tenantName}/...`), so they are URL-safe. */
export const TENANT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
