/**
 * AUTH_ALLOWED_TENANTS as a test: an empty list admits every tenant; otherwise only the tenants it
 * names are admitted, and a caller without a tenant is not.
 */
export function tenantAllowList(allowedTenants: readonly string[]): (tenant: string | undefined) => boolean {
  const allowed = new Set(allowedTenants);
  return (tenant) => allowed.size === 0 || (tenant !== undefined && allowed.has(tenant));
}
