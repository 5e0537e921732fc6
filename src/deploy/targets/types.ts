/** What to deploy: a git ref (checked out into a worktree) or a folder used in place. Exactly one. */
export interface VersionSource {
  ref?: string;
  dir?: string;
}

/** A version's files on disk, ready to start instances from. */
export interface PreparedVersion {
  /** Short label: the 12-char commit sha for a ref, `dir-<basename>-<8 hex>` for a folder. */
  label: string;
  /** What the user gave (ref name or folder path). */
  ref: string;
  /** The full sha for a git ref; absent for a folder. */
  commit?: string;
  /** Absolute path of the version's files. */
  checkoutDir: string;
}

export interface ReadinessCheck {
  /** Path of the readiness GET, starting with `/`; any 2xx means ready. */
  path: string;
  timeoutMs: number;
  intervalMs: number;
}

/** One instance to start. `{placeholders}` in `command` and env values are expanded. */
export interface InstanceSpec {
  service: string;
  version: string;
  index: number;
  checkoutDir: string;
  /** Working directory relative to `checkoutDir`; default `.`. */
  cwd?: string;
  /** argv; `{port}`, `{instanceDir}`, `{version}`, `{index}`, `{service}`, `{checkoutDir}` are expanded. */
  command: readonly string[];
  /** Extra environment; placeholders are expanded in the values. */
  env?: Readonly<Record<string, string>>;
  /**
   * KEY=VALUE file relative to `checkoutDir`, read when present. Its values win over `env`, so a
   * version can change its own settings; PORT and CARA_* are always set by the target.
   */
  envFile?: string;
  /** 0 or undefined picks a free loopback port. */
  port?: number;
  /** e.g. `<repo>/.cara/deploy/<service>`; instance folders and logs go below it. */
  stateDir: string;
  readiness: ReadinessCheck;
}

/** A running instance, as plain JSON-able data: enough to find, probe and stop it from another process. */
export interface InstanceRecord {
  service: string;
  version: string;
  index: number;
  pid: number;
  /** Field 22 of /proc/<pid>/stat (guards against pid reuse); null off Linux. */
  startTime: string | null;
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  instanceDir: string;
  logFile: string;
  /** ISO time the process was started. */
  startedAt: string;
}

export interface StartInstanceOptions {
  /** Aborting kills the instance and rethrows the abort reason. */
  signal?: AbortSignal;
  /** Short human lines such as `api v1 #0: pid 123 on :41234, waiting for /readyz`. */
  onProgress?: (line: string) => void;
}

export interface StopInstanceOptions {
  /** How long the process group gets after SIGTERM before SIGKILL. */
  drainMs: number;
}

/** Where versions run. `local` runs OS processes; other targets implement the same interface. */
export interface DeployTarget {
  readonly name: string;
  prepareVersion(root: string, stateDir: string, source: VersionSource): Promise<PreparedVersion>;
  startInstance(spec: InstanceSpec, options?: StartInstanceOptions): Promise<InstanceRecord>;
  isAlive(record: InstanceRecord): boolean;
  /** One readiness GET; 2xx is true, anything else (errors and timeouts included) false. */
  probe(record: InstanceRecord, path: string, timeoutMs?: number): Promise<boolean>;
  stopInstance(record: InstanceRecord, options: StopInstanceOptions): Promise<{ graceful: boolean }>;
  /** Removes a worktree the target created; never a user's folder. */
  removeVersion(root: string, prepared: PreparedVersion): Promise<void>;
}
