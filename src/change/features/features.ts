/**
 * Kamei et al.'s 14 just-in-time change metrics ("A Large-Scale Empirical Study of Just-in-Time
 * Quality Assurance", IEEE TSE 39(6), 2013), computed from mined history alone.
 *
 * | name    | dimension  | definition (as computed here)                                                              |
 * |---------|------------|---------------------------------------------------------------------------------------------|
 * | ns      | diffusion  | modified subsystems: distinct first `subsystemDepth` (1) directories; root files are "."    |
 * | nd      | diffusion  | modified directories: distinct parent directories of the modified files                    |
 * | nf      | diffusion  | modified files                                                                              |
 * | entropy | diffusion  | Shannon entropy in bits of the modified lines (la+ld) over files, -sum(p log2 p); NOT       |
 * |         |            | normalised, like the public dataset's `entrophy` (normalised: `extra.entropyNormalised`)    |
 * | la      | size       | lines added (binary files count 0)                                                          |
 * | ld      | size       | lines deleted                                                                               |
 * | lt      | size       | lines in the modified files before the change, summed; from cumulative numstat (renames     |
 * |         |            | followed), so no file is read                                                               |
 * | fix     | purpose    | 1 when the message matches a fix pattern (keywords, issue references), else 0               |
 * | ndev    | history    | developers (by email) who changed any of the modified files before this change              |
 * | age     | history    | mean days since each modified file's last change; files without history are left out       |
 * |         |            | (0 when none has history)                                                                   |
 * | nuc     | history    | distinct earlier changes to any of the modified files                                      |
 * | exp     | experience | earlier changes by the author                                                               |
 * | rexp    | experience | earlier changes by the author, each weighted 1/(n+1), n = its age in whole years            |
 * | sexp    | experience | earlier changes by the author that touched any of the modified subsystems                  |
 *
 * "Earlier" means before this commit in the mined order (parents first); the change itself is
 * never counted. Merges are skipped: they carry no diff.
 */
export const KAMEI_FEATURES = [
  'ns',
  'nd',
  'nf',
  'entropy',
  'la',
  'ld',
  'lt',
  'fix',
  'ndev',
  'age',
  'nuc',
  'exp',
  'rexp',
  'sexp',
] as const;

export type KameiFeature = (typeof KAMEI_FEATURES)[number];

/** Numeric extras beside Kamei's metrics; see `docs/change-features.md`. */
export const EXTRA_FEATURES = [
  'codeFiles',
  'testFiles',
  'docFiles',
  'configFiles',
  'binaryFiles',
  'newFiles',
  'renamedFiles',
  'testRatio',
  'hotspotChurn',
  'entropyNormalised',
] as const;

export type ExtraFeature = (typeof EXTRA_FEATURES)[number];

/** Facts for explanations; not model inputs. */
export interface FeatureContext {
  /** The modified subsystems, sorted. */
  subsystems: string[];
  /**
   * The shallowest directories of this change the author had never touched before (e.g.
   * `src/deploy`), sorted; empty for the author's first change, which `exp` 0 already says.
   */
  newAreasForAuthor: string[];
}

export interface ChangeFeatures extends Record<KameiFeature, number> {
  extra: Record<ExtraFeature, number>;
  /** Modified files per extension (lower case, without the dot; '' for none). */
  fileTypes: Record<string, number>;
  context: FeatureContext;
}

export interface FeatureOptions {
  /** Messages matching any of these are fixes; `DEFAULT_FIX_PATTERNS` when absent. */
  fixPatterns?: readonly RegExp[];
  /** Leading directories that name a subsystem; 1 (the top-level directory) by default. */
  subsystemDepth?: number;
}
