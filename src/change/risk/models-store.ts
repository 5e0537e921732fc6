import type { Kysely } from 'kysely';
import { uuidv7 } from '../../core/index.js';
import type { Database, Store } from '../../store/index.js';
import { type Evaluation, loadDefaultModel, loadRiskModel, type RiskModel } from '../model/index.js';

export interface ModelChoice {
  id: string;
  model: RiskModel;
  /** `repository` for a model learned from this repository, `default` for the shipped one. */
  source: 'repository' | 'default';
  createdAt: string | undefined;
  /** Why the default model is used, when it is. */
  reason?: string;
}

export const DEFAULT_MODEL_ID = 'default';

/** The active repository model, or the shipped default when there is none (or it cannot load). */
export async function activeModel(db: Kysely<Database>): Promise<ModelChoice> {
  const row = await db
    .selectFrom('risk_models')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    return {
      id: DEFAULT_MODEL_ID,
      model: loadDefaultModel(),
      source: 'default',
      createdAt: undefined,
      reason: 'no model trained on this repository yet (run `cara risk train`)',
    };
  }
  try {
    return {
      id: row.id,
      model: loadRiskModel(JSON.parse(row.model)),
      source: 'repository',
      createdAt: row.created_at,
    };
  } catch (error) {
    return {
      id: DEFAULT_MODEL_ID,
      model: loadDefaultModel(),
      source: 'default',
      createdAt: undefined,
      reason: `the stored model ${row.id} cannot be used (${(error as Error).message}); run \`cara risk train\``,
    };
  }
}

/** Stores a newly trained model and makes it the active one. */
export async function saveModel(
  store: Store,
  model: RiskModel,
  evaluation: Evaluation | undefined,
  now: string,
): Promise<string> {
  const id = uuidv7();
  await store.exclusive('risk-models', async (trx) => {
    await trx.updateTable('risk_models').set({ active: 0 }).where('active', '=', 1).execute();
    await trx
      .insertInto('risk_models')
      .values({
        id,
        created_at: now,
        kind: model.kind,
        source: 'repository',
        model: JSON.stringify(model.toJSON()),
        evaluation: evaluation ? JSON.stringify(evaluation) : null,
        active: 1,
      })
      .execute();
  });
  return id;
}
