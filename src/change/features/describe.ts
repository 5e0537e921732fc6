import type { CommitRecord } from '../../git/index.js';
import type { ChangeFeatures, KameiFeature } from './features.js';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c", "a, b and 2 more". */
function list(names: readonly string[], max = 2): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Normalised entropy from which edits count as spread evenly. */
const EVEN_SPREAD = 0.8;

/** One feature of a change in plain words, e.g. for the top factors a model names. */
export function describeFeature(feature: KameiFeature, f: ChangeFeatures): string {
  switch (feature) {
    case 'ns':
      return f.ns > 1
        ? `spans ${plural(f.ns, 'subsystem')} (${list(f.context.subsystems, 3)})`
        : `stays within ${f.context.subsystems[0] === '.' ? 'the top folder' : (f.context.subsystems[0] ?? 'one subsystem')}`;
    case 'nd':
    case 'nf':
      return `touches ${plural(f.nf, 'file')} in ${plural(f.nd, 'directory', 'directories')}`;
    case 'entropy':
      return f.extra.entropyNormalised >= EVEN_SPREAD
        ? `spreads its edits evenly over ${plural(f.nf, 'file')}`
        : 'concentrates its edits in a few files';
    case 'la':
      return `adds ${plural(f.la, 'line')}`;
    case 'ld':
      return `deletes ${plural(f.ld, 'line')}`;
    case 'lt':
      return `modifies files totalling ${plural(f.lt, 'line')}`;
    case 'fix':
      return f.fix ? 'is a bug fix' : 'is not a bug fix';
    case 'ndev':
      return f.ndev === 0
        ? 'touches only files nobody changed before'
        : `touches files ${plural(f.ndev, 'developer')} changed before`;
    case 'age':
      return f.age < 1
        ? 'touches files changed within the last day'
        : `touches files last changed ${oneDecimal.format(f.age)} days ago on average`;
    case 'nuc':
      return `touches files with ${plural(f.nuc, 'earlier change')}`;
    case 'exp':
      return f.exp === 0
        ? "author's first change in this repository"
        : `author has ${plural(f.exp, 'earlier change')}`;
    case 'rexp':
      return `author's recent experience is ${oneDecimal.format(f.rexp)} (earlier changes weighted by recency)`;
    case 'sexp':
      if (f.exp === 0) return "author's first change in this repository";
      if (f.sexp === 0) return `author's first change to ${list(f.context.subsystems)}`;
      return `author has ${plural(f.sexp, 'earlier change')} in ${list(f.context.subsystems)}`;
  }
}

/** Thresholds from which `describeFeatures` mentions a property; below them it is unremarkable. */
const NOTABLE = { files: 5, directories: 3, lines: 200, developers: 10, untestedLines: 20 } as const;

/**
 * The notable properties of a change in plain words, most telling first, e.g. "adds 830 lines",
 * "touches 14 files in 5 directories", "author's first change to src/deploy".
 */
export function describeFeatures(f: ChangeFeatures, commit: CommitRecord): string[] {
  const reasons: string[] = [];
  if (commit.isMerge) return ['is a merge (scored by the changes it brings in)'];
  if (f.nf === 0) return ['changes no files'];
  if (f.exp === 0) reasons.push("author's first change in this repository");
  else if (f.context.newAreasForAuthor.length > 0) {
    reasons.push(`author's first change to ${list(f.context.newAreasForAuthor, 3)}`);
  }
  if (f.la >= NOTABLE.lines && f.ld >= NOTABLE.lines) {
    reasons.push(`adds ${plural(f.la, 'line')} and deletes ${plural(f.ld, 'line')}`);
  } else if (f.la >= NOTABLE.lines) reasons.push(`adds ${plural(f.la, 'line')}`);
  else if (f.ld >= NOTABLE.lines) reasons.push(`deletes ${plural(f.ld, 'line')}`);
  if (f.nf >= NOTABLE.files || f.nd >= NOTABLE.directories) reasons.push(describeFeature('nf', f));
  if (f.ns > 1) reasons.push(describeFeature('ns', f));
  if (f.fix) reasons.push('is a bug fix');
  if (f.extra.codeFiles > 0 && f.extra.testFiles === 0 && f.la >= NOTABLE.untestedLines) {
    reasons.push('changes code without changing tests');
  }
  if (f.ndev >= NOTABLE.developers) reasons.push(describeFeature('ndev', f));
  if (f.extra.binaryFiles > 0) reasons.push(`changes ${plural(f.extra.binaryFiles, 'binary file')}`);
  if (reasons.length === 0) {
    reasons.push(
      `a small change: ${plural(f.la, 'line')} added and ${plural(f.ld, 'line')} deleted in ${plural(f.nf, 'file')}`,
    );
  }
  return reasons;
}
