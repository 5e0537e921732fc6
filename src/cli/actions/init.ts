import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createSigningKey, formatVerifierKey } from '../../audit/index.js';
import { CaraError, configTemplate } from '../../core/index.js';
import { findRepoRoot } from '../../git/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';
import { CONFIG_FILE, readConfig, STATE_DIR, withRuntime } from '../runtime.js';

export interface InitOptions {
  force?: boolean;
  json?: boolean;
}

export interface InitResult {
  root: string;
  created: string[];
  kept: string[];
  store: string;
  verifierKey: string;
  checkpoint: { size: number; root: string };
}

/**
 * Sets up a repository: config, `.cara/` (store and signing key), `.gitignore` entry. Safe to
 * rerun: it only adds what is missing, and replaces the config only with --force.
 */
export async function runInit(ctx: CliContext, options: InitOptions): Promise<void> {
  const root = await findRepoRoot(ctx.cwd());
  const created: string[] = [];
  const kept: string[] = [];
  const configFile = join(root, CONFIG_FILE);
  if (existsSync(configFile) && !options.force) {
    kept.push(CONFIG_FILE);
  } else {
    writeFileSync(configFile, configTemplate({ projectName: basename(root) }));
    created.push(CONFIG_FILE);
  }
  const config = await readConfig(root, ctx.output);
  const stateDir = join(root, STATE_DIR);
  if (!existsSync(stateDir)) {
    mkdirSync(stateDir, { mode: 0o700 });
    created.push(`${STATE_DIR}/`);
  } else if (!statSync(stateDir).isDirectory()) {
    throw new CaraError('STATE_DIR_UNREADABLE', `${stateDir} exists but is not a directory`, {
      hint: `move it aside, then run \`cara init\` again`,
    });
  }
  const keyFile = resolve(root, config.audit.signingKey);
  const newKey = !existsSync(keyFile);
  if (newKey) {
    createSigningKey(keyFile);
    created.push(config.audit.signingKey);
  } else {
    chmodSync(keyFile, 0o600);
    kept.push(config.audit.signingKey);
  }
  if (ensureGitignored(root)) created.push('.gitignore entry for .cara/');

  const result = await withRuntime(
    { cwd: root, env: ctx.env, output: ctx.output, command: 'init' },
    async (rt) => {
      const verifierKey = formatVerifierKey(rt.signer());
      writeFileSync(join(stateDir, 'audit.vkey'), `${verifierKey}\n`);
      if (newKey) {
        await rt.audit.record({
          type: 'key.create',
          outcome: 'success',
          subject: config.audit.signingKey,
          details: { verifierKey },
        });
      }
      await rt.audit.record({
        type: 'config.init',
        outcome: 'success',
        subject: CONFIG_FILE,
        details: { created, kept, store: rt.store.location },
      });
      const checkpoint = await rt.audit.checkpoint();
      return {
        root,
        created,
        kept,
        store: rt.store.location,
        verifierKey,
        checkpoint: { size: checkpoint.size, root: checkpoint.root.toString('base64') },
      } satisfies InitResult;
    },
  );

  if (options.json) return json(ctx.output, result);
  const { out } = ctx.output;
  line(out, `${paint(ctx.output, 'green', 'cara is set up')} in ${root}`);
  for (const item of created) line(out, `  created  ${item}`);
  for (const item of kept)
    line(out, `  kept     ${item}${item === CONFIG_FILE ? ' (pass --force to replace it)' : ''}`);
  line(out, `  store    ${result.store}`);
  line(out, `  audit    ${result.checkpoint.size} events, signed checkpoint ${result.checkpoint.root}`);
  line(out, `  verifier key (publish it; checkpoints are checked with it): ${result.verifierKey}`);
  line(out);
  line(out, 'next: `cara audit log`, `cara audit verify`');
}

/** Adds `.cara/` to the repository's .gitignore unless an entry already covers it. */
function ensureGitignored(root: string): boolean {
  const file = join(root, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const covered = text
    .split(/\r?\n/)
    .some((l) => ['.cara', '.cara/', '/.cara', '/.cara/'].includes(l.trim()));
  if (covered) return false;
  appendFileSync(
    file,
    `${text === '' || text.endsWith('\n') ? '' : '\n'}# cara: local store and signing key\n.cara/\n`,
  );
  return true;
}
