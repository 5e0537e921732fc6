import { setTimeout as sleep } from 'node:timers/promises';
import { CaraError, messageOf, type ServiceConfig } from '../../core/index.js';
import type { BackendPool, ProxyControl } from '../proxy/index.js';
import type { DeployTarget, InstanceRecord } from '../targets/index.js';
import {
  type DeployEnvironment,
  freeIndices,
  instanceSpec,
  isoNow,
  now,
  ownerId,
  proxyFor,
  serviceConfig,
  targetFor,
} from './environment.js';
import { describeStep } from './plan.js';
import { getDeployment, saveDeployment, saveServiceState, serviceState } from './records.js';
import { DetachSignal, JumpSignal, RollbackSignal } from './signals.js';
import { analyse, approval, batch, pause, type StepHost } from './steps.js';
import type { Deployment, DeployState, Outcome, PlanStep } from './types.js';
import { TERMINAL_STATES } from './types.js';

const HEARTBEAT_MS = 2000;
/** Consecutive polls with every new instance failing its health check before rolling back. */
const HEALTH_STRIKES = 6;

/**
 * Drives one deployment from its persisted step to a terminal state. Each step is safe to run
 * again, so a driver killed at any point can be replaced by another (`cara deploy resume`).
 */
export class Driver implements StepHost {
  d: Deployment;
  readonly service: ServiceConfig;
  readonly target: DeployTarget;
  proxy!: ProxyControl;
  private readonly me = ownerId();
  private lastBeat = 0;
  private healthStrikes = 0;

  constructor(
    readonly env: DeployEnvironment,
    deployment: Deployment,
  ) {
    this.d = deployment;
    this.service = serviceConfig(env.config, deployment.service);
    this.target = targetFor(this.service);
  }

  get deployment(): Deployment {
    return this.d;
  }

  /** Runs until the deployment ends or the environment's signal detaches it. */
  async run(): Promise<Deployment> {
    this.proxy = await proxyFor(this.env, this.d.service, this.service);
    const timer = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    try {
      while (!TERMINAL_STATES.has(this.d.state)) {
        if (this.d.state === 'rolling-back') {
          await this.rollback(
            this.d.outcome === 'aborted' ? 'aborted' : 'rolled-back',
            this.d.reason ?? 'rollback resumed',
          );
          break;
        }
        const step = this.d.plan.steps[this.d.step];
        if (step === undefined)
          throw new CaraError('DEPLOY_STATE', `deployment ${this.d.id} has no step ${this.d.step}`);
        try {
          await this.checkpoint(step);
          await this.execute(step);
          if (TERMINAL_STATES.has(this.d.state)) break;
          await this.advance(this.d.step + 1);
        } catch (signal) {
          if (signal instanceof RollbackSignal) await this.rollback(signal.outcome, signal.reason);
          else if (signal instanceof JumpSignal) await this.advance(signal.step);
          else throw signal;
        }
      }
      return this.d;
    } catch (error) {
      if (error instanceof DetachSignal) {
        this.log(
          `detached: ${this.d.id} stays at step ${this.d.step + 1} (${describeStep(this.d.plan.steps[this.d.step])}); ` +
            `\`cara deploy resume ${this.d.id}\` continues it, \`cara deploy abort ${this.d.id}\` rolls it back`,
        );
        return this.d;
      }
      throw error;
    } finally {
      clearInterval(timer);
      await this.release().catch(() => undefined);
    }
  }

  log(line: string): void {
    this.env.log(`[${this.d.id}] ${line}`);
  }

  /** Persists the deployment with a timeline note; the owner's heartbeat rides along. */
  async save(message?: string): Promise<void> {
    const at = isoNow(this.env);
    this.d.updatedAt = at;
    this.d.heartbeatAt = at;
    this.d.owner = this.d.active ? this.me : null;
    if (message) {
      this.d.data.timeline.push({ at, message });
      if (this.d.data.timeline.length > 200)
        this.d.data.timeline.splice(0, this.d.data.timeline.length - 200);
      this.log(message);
    }
    await saveDeployment(this.env.store, this.d);
  }

  async setState(state: DeployState, message?: string): Promise<void> {
    this.d.state = state;
    await this.save(message);
  }

  private async beat(): Promise<void> {
    this.lastBeat = Date.now();
    await this.env.store.db
      .updateTable('deployments')
      .set({ heartbeat_at: isoNow(this.env) })
      .where('id', '=', this.d.id)
      .where('owner', '=', this.me)
      .execute();
  }

  private async release(): Promise<void> {
    await this.env.store.db
      .updateTable('deployments')
      .set({ owner: null })
      .where('id', '=', this.d.id)
      .where('owner', '=', this.me)
      .execute();
  }

  private async advance(step: number): Promise<void> {
    const done = this.d.plan.steps[this.d.step];
    this.d.step = step;
    delete this.d.data.waitUntil;
    delete this.d.data.waitStep;
    const next = this.d.plan.steps[step];
    await this.save(`step ${step + 1}/${this.d.plan.steps.length}: ${describeStep(next)}`);
    await this.env.audit.record({
      type: 'deploy.step',
      outcome: 'success',
      subject: this.d.id,
      details: {
        service: this.d.service,
        version: this.d.version,
        completed: describeStep(done),
        next: describeStep(next),
        step,
        weight: this.d.data.weight,
      },
    });
  }

  /**
   * Called in every wait: heartbeat, operator requests, crashes and health of the new version.
   * Throws the signal that ends the current step, if any.
   */
  async checkpoint(step: PlanStep): Promise<void> {
    if (this.env.signal?.aborted) throw new DetachSignal();
    if (Date.now() - this.lastBeat > HEARTBEAT_MS) await this.beat();
    const fresh = await getDeployment(this.env.store, this.d.id);
    const request = fresh.request;
    if (request) {
      this.d.request = null;
      await this.env.store.db
        .updateTable('deployments')
        .set({ request: null })
        .where('id', '=', this.d.id)
        .execute();
      const by = `${request.by}${request.comment ? `: ${request.comment}` : ''}`;
      if (request.action === 'abort') throw new RollbackSignal('aborted', `aborted by ${by}`);
      if (request.action === 'rollback') throw new RollbackSignal('rolled-back', `rolled back by ${by}`);
      if (step.kind === 'approval') {
        this.log(`promote by ${request.by} ignored: an approval gate is only passed by \`cara approve\``);
      } else {
        const target = request.full
          ? this.d.plan.steps.findIndex((s) => s.kind === 'promote')
          : this.d.step + 1;
        await this.save(
          `promoted by ${by}: ${request.full ? 'skipping to promotion' : 'skipping this step'}`,
        );
        throw new JumpSignal(target);
      }
    }
    await this.checkNewVersion();
  }

  /** A crashed or persistently unhealthy new instance rolls the deployment back. */
  private async checkNewVersion(): Promise<void> {
    for (const instance of this.d.data.newInstances) {
      if (!this.target.isAlive(instance)) {
        throw new RollbackSignal(
          'rolled-back',
          `the new version crashed: instance #${instance.index} (pid ${instance.pid}) exited; see ${instance.logFile}`,
        );
      }
    }
    if (this.d.data.newInstances.length === 0) return;
    const status = await this.proxy.status();
    const urls = new Set(this.d.data.newInstances.map((i) => i.url));
    const seen = [...status.versions, ...(status.preview?.versions ?? [])]
      .flatMap((v) => v.instances)
      .filter((i) => urls.has(i.url));
    if (seen.length > 0 && seen.every((i) => !i.up)) {
      this.healthStrikes++;
      if (this.healthStrikes >= HEALTH_STRIKES) {
        throw new RollbackSignal(
          'rolled-back',
          `the new version failed its health checks: ${seen.map((i) => `${i.url} ${i.reason ?? 'down'}`).join(', ')}`,
        );
      }
    } else {
      this.healthStrikes = 0;
    }
  }

  /** Waits until `deadline` (ms since epoch), checking every poll; `until` ends it early. */
  async waitUntil(step: PlanStep, deadline: number, until?: () => Promise<boolean>): Promise<void> {
    const poll = this.env.pollMs ?? 500;
    for (;;) {
      await this.checkpoint(step);
      if (until && (await until())) return;
      const left = deadline - now(this.env).getTime();
      if (left <= 0) return;
      await sleep(Math.min(poll, left));
    }
  }

  /** A persisted deadline for the current step, so a resumed wait keeps its end. */
  async deadline(ms: number): Promise<number> {
    if (this.d.data.waitStep === this.d.step && this.d.data.waitUntil)
      return Date.parse(this.d.data.waitUntil);
    const end = now(this.env).getTime() + ms;
    this.d.data.waitStep = this.d.step;
    this.d.data.waitUntil = new Date(end).toISOString();
    await this.save();
    return end;
  }

  private async execute(step: PlanStep): Promise<void> {
    switch (step.kind) {
      case 'start':
        return this.startNew(step.instances);
      case 'weight':
        return this.setWeight(step.weight, step);
      case 'analysis':
        return analyse(this, step);
      case 'pause':
        return pause(this, step);
      case 'approval':
        return approval(this, step);
      case 'preview':
        return this.preview(step.mirrorPercent);
      case 'switch':
        return this.switchTraffic();
      case 'batch':
        return batch(this, step);
      case 'promote':
        return this.promote();
    }
  }

  // ---- routing ------------------------------------------------------------------------------

  private pool(version: string, weight: number, instances: readonly InstanceRecord[]): BackendPool {
    return { version, weight, instances: instances.map((i) => ({ url: i.url })) };
  }

  /** Stable and new pools at the new version's weight; the stable pool is omitted when empty. */
  async route(weight: number): Promise<void> {
    const pools: BackendPool[] = [];
    const stable = this.d.stableVersion;
    if (stable !== null && this.d.data.stableInstances.length > 0)
      pools.push(this.pool(stable, 100 - weight, this.d.data.stableInstances));
    else weight = 100;
    if (this.d.data.newInstances.length > 0)
      pools.push(this.pool(this.d.version, weight, this.d.data.newInstances));
    else if (pools[0]) pools[0].weight = 100;
    await this.proxy.setRoutes({ pools });
    this.d.data.weight = pools.find((p) => p.version === this.d.version)?.weight ?? 0;
    if (this.d.data.weight > 0) this.d.data.firstTrafficAt ??= isoNow(this.env);
  }

  // ---- steps --------------------------------------------------------------------------------

  async startInstances(
    version: { label: string; checkoutDir: string },
    existing: InstanceRecord[],
    count: number,
    save: (records: InstanceRecord[]) => void,
  ): Promise<InstanceRecord[]> {
    const alive = existing.filter((i) => this.target.isAlive(i));
    const records = [...alive];
    save(records);
    // Instances start side by side; each is persisted as soon as it is ready.
    const results = await Promise.allSettled(
      freeIndices(records, Math.max(0, count - records.length)).map(async (index) => {
        const spec = instanceSpec(this.env, this.d.service, this.service, version, index);
        const record = await this.target.startInstance(spec, { onProgress: (text) => this.log(text) });
        records.push(record);
        save([...records].sort((a, b) => a.index - b.index));
        await this.save();
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return records;
  }

  private async startNew(count: number): Promise<void> {
    await this.setState('starting', `starting ${count} instance(s) of ${this.d.version}`);
    try {
      await this.startInstances(this.d.data.newVersion, this.d.data.newInstances, count, (r) => {
        this.d.data.newInstances = r;
      });
    } catch (error) {
      if (
        error instanceof CaraError &&
        (error.code === 'DEPLOY_START_FAILED' || error.code === 'DEPLOY_NOT_READY')
      )
        throw new RollbackSignal('failed', error.message);
      throw error;
    }
    if (this.d.plan.initial) return;
    await this.route(0);
    await this.setState('progressing', `${count} instance(s) of ${this.d.version} ready (weight 0)`);
  }

  private async setWeight(weight: number, step: PlanStep): Promise<void> {
    await this.checkpoint(step);
    await this.route(weight);
    await this.setState('progressing', `weight ${this.d.version} ${weight}%`);
  }

  private async preview(mirrorPercent: number): Promise<void> {
    const stable = this.d.stableVersion;
    const pools = stable ? [this.pool(stable, 100, this.d.data.stableInstances)] : [];
    await this.proxy.setRoutes({
      pools,
      preview: { pool: this.pool(this.d.version, 100, this.d.data.newInstances), mirrorPercent },
    });
    this.d.data.firstTrafficAt ??= isoNow(this.env);
    const port = (await this.proxy.status()).preview ? this.proxy.info.previewPort : undefined;
    await this.setState(
      'progressing',
      `preview of ${this.d.version}${port ? ` on port ${port}` : ''}, ${mirrorPercent}% of GET/HEAD mirrored`,
    );
  }

  private async switchTraffic(): Promise<void> {
    const stable = this.d.stableVersion;
    const pools: BackendPool[] = [this.pool(this.d.version, 100, this.d.data.newInstances)];
    if (stable) pools.unshift(this.pool(stable, 0, this.d.data.stableInstances));
    await this.proxy.setRoutes({ pools });
    this.d.data.weight = 100;
    this.d.data.firstTrafficAt ??= isoNow(this.env);
    await this.setState(
      'progressing',
      `switched: 100% on ${this.d.version}, ${stable} kept for the rollback window`,
    );
  }

  private async promote(): Promise<void> {
    await this.setState('promoting', `promoting ${this.d.version} to 100%`);
    const previous = this.d.data.stableInstances;
    await this.proxy.setRoutes({ pools: [this.pool(this.d.version, 100, this.d.data.newInstances)] });
    this.d.data.weight = 100;
    this.d.data.stableInstances = [];
    await this.save();
    await Promise.all(previous.map((i) => this.target.stopInstance(i, { drainMs: this.d.plan.drainMs })));
    await saveServiceState(this.env.store, {
      service: this.d.service,
      version: this.d.version,
      ref: this.d.ref,
      commit: this.d.commit,
      checkoutDir: this.d.data.newVersion.checkoutDir,
      instances: this.d.data.newInstances,
      deploymentId: this.d.id,
      updatedAt: isoNow(this.env),
    });
    await this.env.audit.record({
      type: 'deploy.promote',
      outcome: 'success',
      subject: this.d.id,
      details: { service: this.d.service, version: this.d.version, previous: this.d.stableVersion },
    });
    await this.finish('promoted', this.d.plan.initial ? 'initial deployment' : 'every step passed');
  }

  /**
   * The fast path back: traffic to the stable version first (restarting its instances when some
   * are gone), then the new version's instances are drained and stopped. No analysis.
   */
  private async rollback(outcome: Exclude<Outcome, 'promoted'>, reason: string): Promise<void> {
    this.d.outcome = outcome;
    this.d.reason = reason;
    await this.setState('rolling-back', `rolling back: ${reason}`);
    await this.env.audit.record({
      type: 'deploy.rollback',
      outcome: 'success',
      reason,
      subject: this.d.id,
      details: { service: this.d.service, version: this.d.version, stable: this.d.stableVersion, outcome },
    });
    const stable = this.d.stableVersion;
    const failed: string[] = [];
    if (stable !== null) {
      this.d.data.stableInstances = this.d.data.stableInstances.filter((i) => this.target.isAlive(i));
      if (this.d.data.stableInstances.length > 0) {
        await this.proxy.setRoutes({ pools: [this.pool(stable, 100, this.d.data.stableInstances)] });
        this.d.data.weight = 0;
        this.d.data.restoredAt = isoNow(this.env);
        await this.save(`traffic back on ${stable}`);
      }
      const missing = this.d.plan.instances - this.d.data.stableInstances.length;
      const checkout = this.d.data.stableCheckoutDir;
      if (missing > 0 && checkout !== null) {
        try {
          await this.startInstances(
            { label: stable, checkoutDir: checkout },
            this.d.data.stableInstances,
            this.d.plan.instances,
            (r) => {
              this.d.data.stableInstances = r;
            },
          );
        } catch (error) {
          failed.push(`restarting ${stable}: ${messageOf(error)}`);
        }
        if (this.d.data.stableInstances.length > 0) {
          await this.proxy.setRoutes({ pools: [this.pool(stable, 100, this.d.data.stableInstances)] });
          this.d.data.weight = 0;
          this.d.data.restoredAt ??= isoNow(this.env);
          await this.save(`traffic back on ${stable} (${this.d.data.stableInstances.length} instance(s))`);
        }
      }
    } else {
      await this.proxy.setRoutes({ pools: [] });
    }
    const doomed = this.d.data.newInstances;
    this.d.data.newInstances = [];
    await this.save();
    await Promise.all(doomed.map((i) => this.target.stopInstance(i, { drainMs: this.d.plan.drainMs })));
    const current = await serviceState(this.env.store, this.d.service);
    if (current && stable !== null && current.version === stable) {
      await saveServiceState(this.env.store, {
        ...current,
        instances: this.d.data.stableInstances,
        updatedAt: isoNow(this.env),
      });
    }
    const noStable = stable !== null && this.d.data.stableInstances.length === 0;
    if (noStable) failed.push(`no instance of ${stable} could be started: the service is down`);
    await this.finish(
      failed.length > 0 ? 'failed' : outcome,
      failed.length > 0 ? `${reason}; ${failed.join('; ')}` : reason,
    );
  }

  private async finish(outcome: Outcome, reason: string): Promise<void> {
    const states: Record<Outcome, DeployState> = {
      promoted: 'succeeded',
      'rolled-back': 'rolled-back',
      aborted: 'aborted',
      failed: 'failed',
    };
    this.d.outcome = outcome;
    this.d.reason = reason;
    this.d.active = false;
    this.d.finishedAt = isoNow(this.env);
    await this.setState(states[outcome], `${states[outcome]}: ${reason}`);
    await this.env.audit.record({
      type: 'deploy.finish',
      outcome: outcome === 'promoted' ? 'success' : 'failure',
      reason,
      subject: this.d.id,
      details: {
        service: this.d.service,
        version: this.d.version,
        strategy: this.d.strategy,
        outcome,
        durationMs: Date.parse(this.d.finishedAt) - Date.parse(this.d.startedAt),
        analyses: this.d.data.analyses.map((a) => ({ decision: a.decision, score: a.score })),
      },
    });
  }
}
