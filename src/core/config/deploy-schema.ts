import { z } from 'zod';

/** The `deploy` section of `cara.config.yaml`: services, strategies, analysis and approvers. */

const strategyName = z.enum(['canary', 'blue-green', 'rolling']);

const seconds = (fallback: number, description: string) =>
  z.number().gt(0).max(86_400).default(fallback).describe(description);

const approvalGate = z
  .strictObject({
    roles: z
      .array(z.string().min(1))
      .min(1)
      .default(['release-manager'])
      .describe(
        'Roles any one of which may approve; approvers and their roles are listed in deploy.approvers.',
      ),
    timeoutMinutes: z
      .number()
      .gt(0)
      .max(10_080)
      .default(60)
      .describe('Minutes the gate waits for an approval before the deployment is aborted.'),
  })
  .describe('Wait for `cara approve DEPLOYMENT` by an approver with one of the roles.');

const canaryStep = z
  .strictObject({
    setWeight: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Move the canary to this percent of new requests.'),
    weights: z
      .strictObject({
        stable: z.number().int().min(0).max(100),
        canary: z.number().int().min(1).max(100),
      })
      .refine((w) => w.stable + w.canary === 100, {
        error: (issue) => {
          const w = issue.input as { stable: number; canary: number };
          return `weights must sum to 100 (stable ${w.stable} + canary ${w.canary} = ${w.stable + w.canary})`;
        },
      })
      .optional()
      .describe('Move the canary to explicit stable/canary weights; they must sum to 100.'),
    analysis: z
      .strictObject({ seconds: seconds(20, 'Length of the analysis interval.') })
      .optional()
      .describe('Judge the canary against the stable version over one interval.'),
    pause: z
      .strictObject({
        seconds: z
          .number()
          .gt(0)
          .max(86_400)
          .optional()
          .describe('Seconds to wait; without it the deployment waits for `cara deploy promote`.'),
      })
      .optional()
      .describe('Wait a while, or until `cara deploy promote` when no duration is given.'),
    approval: approvalGate.optional().describe('An approval gate.'),
  })
  .refine((step) => Object.keys(step).length === 1, {
    error: 'a step is exactly one of setWeight, weights, analysis, pause or approval',
  })
  .describe('One canary step: setWeight, weights, analysis, pause or approval.');

export type CanaryStepConfig = z.output<typeof canaryStep>;

/** The weight a canary step sets, if it sets one. */
export function stepWeight(step: CanaryStepConfig): number | undefined {
  return step.setWeight ?? step.weights?.canary;
}

const canary = z
  .strictObject({
    steps: z
      .array(canaryStep)
      .min(1)
      .default([
        { setWeight: 10 },
        { analysis: { seconds: 20 } },
        { setWeight: 50 },
        { analysis: { seconds: 20 } },
      ])
      .superRefine((steps, ctx) => {
        let last = 0;
        steps.forEach((step, i) => {
          const weight = stepWeight(step);
          if (weight === undefined) return;
          if (weight < last) {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: `steps out of order: weight ${weight} comes after weight ${last}; canary weights only grow (a rollback is automatic)`,
            });
          }
          last = weight;
        });
        if (!steps.some((s) => stepWeight(s) !== undefined)) {
          ctx.addIssue({ code: 'custom', message: 'canary steps need at least one setWeight step' });
        }
      })
      .describe(
        'Ordered steps: setWeight/weights, analysis, pause, approval. After the last step the canary is promoted to 100%.',
      ),
  })
  .describe('Canary: shift traffic to the new version in steps, judging each interval.');

const blueGreen = z
  .strictObject({
    previewPort: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .default(0)
      .describe('Port where the green version is reachable before the switch; 0 picks a free one.'),
    mirrorPercent: z
      .number()
      .min(0)
      .max(100)
      .default(100)
      .describe(
        'Percent of live GET/HEAD requests also sent to green (responses discarded) for its analysis.',
      ),
    analysisSeconds: seconds(20, 'Analysis of green on the preview port before the switch.'),
    approval: approvalGate.optional().describe('Optional approval before the switch.'),
    rollbackWindowSeconds: seconds(
      30,
      'After the switch, blue keeps running this long and green is judged on live traffic; a failure switches back.',
    ),
  })
  .describe('Blue-green: start green beside blue, analyse it on a preview port, switch atomically.');

const rolling = z
  .strictObject({
    batchSize: z.number().int().min(1).default(1).describe('Instances replaced per batch.'),
    maxSurge: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('Extra instances allowed above the desired count while replacing.'),
    maxUnavailable: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Instances allowed below the desired count while replacing.'),
    analysisSeconds: seconds(10, 'Judge the new instances against the old ones after each batch.'),
  })
  .refine((r) => r.maxSurge > 0 || r.maxUnavailable > 0, {
    error: 'maxSurge and maxUnavailable cannot both be 0: no instance could ever be replaced',
  })
  .describe('Rolling: replace instances a batch at a time with health checks.');

const metric = z
  .strictObject({
    name: z
      .enum(['latency', 'errors'])
      .describe('latency: per-request ms; errors: 5xx and failed requests out of all.'),
    direction: z.enum(['increase', 'decrease', 'either']).default('increase'),
    effectSize: z.number().gt(0).optional().describe('Smallest relative change that matters (0.1 = 10%).'),
    absoluteEffect: z
      .number()
      .gt(0)
      .optional()
      .describe('Smallest absolute change that matters (ms, or a rate).'),
    critical: z
      .boolean()
      .optional()
      .describe('A failing critical metric fails the verdict whatever the score.'),
    tail: z.boolean().optional().describe('latency: also check p99 and the spread.'),
    group: z.string().min(1).optional(),
  })
  .describe('One metric the judge compares between the new and the stable version.');

const analysis = z
  .strictObject({
    metrics: z
      .array(metric)
      .min(1)
      .default([
        { name: 'latency', direction: 'increase', effectSize: 0.1, absoluteEffect: 2, tail: true },
        { name: 'errors', direction: 'increase', absoluteEffect: 0.005, critical: true },
      ])
      .describe('Metrics judged per interval.'),
    warmupSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(5)
      .describe(
        'Traffic the new version serves before each analysis interval starts counting: fresh processes are slower until warm.',
      ),
    pass: z.number().min(0).max(100).default(95).describe('Score at or above which an interval passes.'),
    marginal: z.number().min(0).max(100).default(75).describe('Score below which an interval fails.'),
    alpha: z.number().gt(0).lt(0.5).default(0.05).describe('False-alarm rate over the whole deployment.'),
    tailQuantile: z
      .number()
      .min(0.5)
      .lt(1)
      .default(0.99)
      .describe('Quantile of the tail check of latency (0.99 = p99); lower quantiles need fewer samples.'),
    onInconclusive: z
      .enum(['rollback', 'promote', 'pause'])
      .default('rollback')
      .describe('What to do when an interval still lacks samples after its extensions.'),
    maxExtensions: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(2)
      .describe('How many times an interval is extended when the judge needs more samples.'),
  })
  .refine((a) => a.marginal <= a.pass, { path: ['marginal'], error: 'must not be above analysis.pass' })
  .describe('The canary judge.');

const service = z
  .strictObject({
    port: z
      .number()
      .int()
      .min(1)
      .max(65_535)
      .describe('Port the service is reached on (the proxy listens here).'),
    host: z.string().min(1).default('127.0.0.1').describe('Address the proxy listens on.'),
    target: z.enum(['local']).default('local').describe('Where instances run.'),
    command: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'Command of one instance, as argv. Placeholders: {port} {instanceDir} {version} {index} {service} {checkoutDir}.',
      ),
    cwd: z.string().min(1).default('.').describe("Working directory inside the version's checkout."),
    env: z
      .record(z.string(), z.string())
      .default({})
      .describe('Environment of every instance (placeholders allowed).'),
    envFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "KEY=VALUE file inside the version's checkout; its values win over env, so a commit can change settings.",
      ),
    instances: z.number().int().min(1).max(64).default(2).describe('Instances per version.'),
    readiness: z
      .strictObject({
        path: z.string().startsWith('/').default('/readyz'),
        timeoutSeconds: seconds(60, 'How long a new instance may take to become ready.'),
        intervalMs: z.number().int().min(10).default(250),
      })
      .prefault({})
      .describe('An instance is ready when GET path answers 2xx.'),
    healthPath: z
      .string()
      .startsWith('/')
      .default('/healthz')
      .describe('Probed by the proxy on every instance; failing instances get no traffic.'),
    drainSeconds: seconds(10, 'Grace period of a stopping instance before it is killed.'),
    strategy: strategyName
      .default('canary')
      .describe('Strategy when neither --strategy nor a risk band chooses.'),
    strategyByRisk: z
      .strictObject({
        low: strategyName.optional(),
        medium: strategyName.optional(),
        high: strategyName.optional(),
      })
      .optional()
      .describe("Strategy per risk band of the version's commit, when it was scored (`cara risk`)."),
    canary: canary.prefault({}),
    blueGreen: blueGreen.prefault({}),
    rolling: rolling.prefault({}),
    analysis: analysis.prefault({}),
    sticky: z
      .strictObject({ header: z.string().min(1).optional(), cookie: z.string().min(1).optional() })
      .optional()
      .describe('Keep a client on one version by header or cookie value.'),
  })
  .describe('One deployable service.');

export type ServiceConfig = z.output<typeof service>;

const approver = z
  .strictObject({
    identity: z.string().min(1).describe('The actor as cara records it (git user.email or CARA_ACTOR).'),
    roles: z.array(z.string().min(1)).min(1),
  })
  .describe('Someone who may approve gated steps.');

export const deploySchema = z
  .strictObject({
    services: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'service names are lowercase letters, digits and -' }),
        service,
      )
      .default({})
      .describe('Deployable services by name.'),
    approvers: z.array(approver).default([]).describe('Who may approve gated steps, with roles.'),
    allowSelfApproval: z
      .boolean()
      .default(false)
      .describe('Let the person who started a deployment approve it (separation of duties says no).'),
  })
  .describe('Progressive delivery: `cara deploy`.');

export type DeployConfig = z.output<typeof deploySchema>;
