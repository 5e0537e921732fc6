import { ceqStandard } from './0001-ceq-standard.js';
import { agentService } from './0002-agent-service.js';
import { standardEnums } from './0003-standard-enums.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in the order they apply. Append only. */
export const MIGRATIONS: readonly Migration[] = [ceqStandard, agentService, standardEnums];
