/** Loose readers of config sections other capabilities own (their types are not imported here). */

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The `deploy` section of `cara.config.yaml`, if there is one. */
export function deploySection(config: Readonly<Loose>): Loose | undefined {
  const deploy = config.deploy;
  return isRecord(deploy) ? deploy : undefined;
}

/** Names of configured deploy services (`deploy.services` as a list or a map). */
export function deployServices(deploy: Loose): string[] {
  const services = deploy.services ?? deploy.service;
  if (Array.isArray(services)) return services.map((s, i) => (isRecord(s) ? String(s.name ?? i) : String(s)));
  if (isRecord(services)) return Object.keys(services);
  return [];
}

export interface Approver {
  id: string;
  roles: string[];
}

/**
 * Approvers with their roles, wherever the deploy section keeps them: `approvers`, or
 * `approvals.approvers` / `gates.approvers`; each a list of `{identity|id|email|name, roles|role}` or a map.
 */
export function deployApprovers(deploy: Loose): Approver[] | undefined {
  const nested = (key: string) => (isRecord(deploy[key]) ? (deploy[key] as Loose).approvers : undefined);
  const raw = deploy.approvers ?? nested('approvals') ?? nested('gates');
  if (raw === undefined) return undefined;
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((item, i) => [
        isRecord(item) ? String(item.identity ?? item.id ?? item.email ?? item.name ?? i) : String(item),
        item,
      ])
    : isRecord(raw)
      ? Object.entries(raw)
      : [];
  return entries.map(([id, item]) => ({ id, roles: rolesOf(item) }));
}

function rolesOf(item: unknown): string[] {
  if (Array.isArray(item)) return item.map(String);
  if (!isRecord(item)) return [];
  const roles = item.roles ?? item.role;
  if (Array.isArray(roles)) return roles.map(String);
  return typeof roles === 'string' && roles !== '' ? [roles] : [];
}

/** Whether the deploy section enables self-approval (`allowSelfApproval` at any of its usual places). */
export function configAllowsSelfApproval(deploy: Loose | undefined): boolean {
  if (deploy === undefined) return false;
  const nested = (key: string) =>
    isRecord(deploy[key]) ? (deploy[key] as Loose).allowSelfApproval : undefined;
  return (deploy.allowSelfApproval ?? nested('approvals') ?? nested('gates')) === true;
}
