/**
 * Builds a git repository with a known defect history in one `git fast-import`: ordinary commits
 * by several authors over two years, commits that introduce a marked bug line, and later
 * "fix: ..." commits that change exactly that line. SZZ must label exactly the introducing commits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HistoryRepo {
  dir: string;
  /** sha of every commit that introduced a bug, mapped to the sha of the commit that fixed it. */
  inducing: Map<string, string>;
  commits: number;
  remove(): void;
}

export interface HistoryRepoOptions {
  commits?: number;
  seed?: number;
  /** Unix seconds of the first commit; later commits follow a day or two apart. */
  start?: number;
}

const AUTHORS = [
  'Ada <ada@example.gov>',
  'Ben <ben@example.gov>',
  'Cy <cy@example.gov>',
  'Di <di@example.gov>',
];
const FILES = [
  'src/api/handler.ts',
  'src/api/routes.ts',
  'src/core/model.ts',
  'src/core/store.ts',
  'src/ui/view.ts',
  'lib/util.ts',
];

export function makeHistoryRepo(options: HistoryRepoOptions = {}): HistoryRepo {
  const total = options.commits ?? 320;
  let state = options.seed ?? 7;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const dir = mkdtempSync(join(tmpdir(), 'cara-history-'));
  const files = new Map<string, string[]>(FILES.map((f) => [f, [`// ${f}`]]));
  const openBugs: { id: number; file: string; mark: number; due: number }[] = [];
  const fixes: { bugMark: number; fixMark: number }[] = [];
  let time = options.start ?? 1_704_067_200; // 2024-01-01
  let stream = '';
  let bugId = 0;
  for (let mark = 1; mark <= total; mark++) {
    time += 86_400 + Math.floor(random() * 86_400);
    const author = pick(AUTHORS);
    const changed = new Set<string>();
    let message: string;
    const due = openBugs.findIndex((b) => b.due <= mark);
    if (due >= 0) {
      const bug = openBugs.splice(due, 1)[0] as (typeof openBugs)[number];
      const lines = files.get(bug.file) as string[];
      const at = lines.findIndex((l) => l.includes(`bug${bug.id} `));
      lines[at] = `export const bug${bug.id} = compute(${bug.id}, { safe: true }); // fixed`;
      changed.add(bug.file);
      message = `fix: correct bug${bug.id} in ${bug.file} (#${bug.id})`;
      fixes.push({ bugMark: bug.mark, fixMark: mark });
    } else if (random() < 0.2) {
      const file = pick(FILES);
      const id = ++bugId;
      const lines = files.get(file) as string[];
      const size = 20 + Math.floor(random() * 40);
      for (let i = 0; i < size; i++) lines.push(`export const v${mark}_${i} = ${i};`);
      lines.push(`export const bug${id} = compute(${id}); // introduced`);
      changed.add(file);
      message = `feat: add feature ${mark} to ${file}`;
      openBugs.push({ id, file, mark, due: mark + 3 + Math.floor(random() * 15) });
    } else {
      const count = 1 + Math.floor(random() * 2);
      for (let k = 0; k < count; k++) {
        const file = pick(FILES);
        const lines = files.get(file) as string[];
        const size = 1 + Math.floor(random() * 6);
        for (let i = 0; i < size; i++) lines.push(`export const w${mark}_${k}_${i} = ${i};`);
        changed.add(file);
      }
      message = `chore: update ${[...changed].join(', ')}`;
    }
    stream += `commit refs/heads/main\nmark :${mark}\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`;
    stream += data(message);
    if (mark > 1) stream += `from :${mark - 1}\n`;
    for (const file of changed)
      stream += `M 100644 inline ${file}\n${data(`${(files.get(file) as string[]).join('\n')}\n`)}`;
    stream += '\n';
  }
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    }).toString();
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.email', 'tester@example.gov']);
  git(['config', 'user.name', 'Tester']);
  const marksFile = join(dir, '.git', 'cara-marks');
  git(['fast-import', '--quiet', `--export-marks=${marksFile}`], stream);
  git(['checkout', '-q', '-f', 'main']);
  const marks = new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const [m, sha] = l.split(' ');
        return [Number(m?.slice(1)), sha as string];
      }),
  );
  const inducing = new Map(
    fixes.map((f) => [marks.get(f.bugMark) as string, marks.get(f.fixMark) as string]),
  );
  return { dir, inducing, commits: total, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}
