/** How a line of a CI log matters to failure extraction. */
export type LineClass =
  | { kind: 'header'; style: HeaderStyle; label: string; testId?: string; file?: string }
  | { kind: 'summary'; testId: string; label: string; message: string }
  | { kind: 'error'; fallout: boolean; traceback: boolean }
  | { kind: 'test-file'; file: string }
  | { kind: 'go-run'; name: string }
  | { kind: 'mute'; untilBlank: boolean }
  | { kind: 'end' }
  | { kind: 'other' };

/** The runner output a test-level header came from; it decides how the block after it ends. */
export type HeaderStyle = 'vitest' | 'jest' | 'node-test' | 'tap' | 'pytest' | 'unittest' | 'maven' | 'go';

const VITEST_TEST = /^FAIL\s+(?:\|[^|]+\|\s+)?(\S+?)\s+>\s+(.+)$/;
const VITEST_FILE = /^FAIL\s+(?:\|[^|]+\|\s+)?(\S+)\s+\[\s*\S+\s*\]$/;
const JEST_FILE = /^FAIL\s+(\S+)(?:\s+\([\d.]+\s*m?s\))?$/;
const JEST_TEST = /^● (.+)$/;
const NODE_SPEC = /^✖ (.+?)(?: \([\d.]+m?s\))?$/;
const TAP_NOT_OK = /^not ok \d+ - (.+?)(\s+#\s*(?:SKIP|TODO)\b.*)?$/i;
const PYTEST_HEADER = /^_{3,} (.+?) _{3,}$/;
const PYTEST_SUMMARY = /^(?:FAILED|ERROR) (\S+?\.py(?:::\S+)?)(?: - (.*))?$/;
const UNITTEST = /^(?:FAIL|ERROR): (\S+) \(([\w.]+)\)/;
const MAVEN = /^(\S+?)\s+(?:Time elapsed:.*)?<<< (?:FAILURE|ERROR)!$/;
const GO_FAIL = /^--- FAIL: (\S+) \([\d.]+s\)$/;
const GO_RUN = /^=== (?:RUN|CONT|NAME)\s+(\S+)$/;

const EXCEPTION =
  /^(?:Uncaught |Unhandled )?(?:[A-Za-z_$][\w$]*\.)*(?:[A-Z][\w$]*)?(?:Error|Exception|Failure|Fault)(?: \[[\w.-]+\])?(?::\s|:?$)/;
const OTHER_PRIMARY = [
  /^Exception in thread /,
  /^(?:Assertion failed|AssertionError)\b/,
  /^panic: /,
  /^fatal error: /,
  /^thread '.+' panicked at /,
  /^(?:error|ERROR|fatal|FATAL)(?:\[\w+\])?: /,
  /^error TS\d+: /,
  /^\S+\(\d+,\d+\): error TS\d+: /,
  /^\S+:\d+:\d+ - error TS\d+: /,
  /^(?:\.\/)?\S+\.go:\d+:\d+: /,
  /^\S+\.(?:java|kt|scala):\[\d+,\d+\] /,
];
const FALLOUT = [
  /\bexit (?:code|status):? \d+/i,
  /^npm (?:ERR!|error)(?:\s|$)/,
  /^error Command failed/,
  /^ELIFECYCLE\b/,
  /^make(?:\[\d+\])?: \*\*\* /,
  /^FAILURE: Build failed/,
  /^> Task \S+ FAILED$/,
  /^Failed to execute goal /,
  /^BUILD FAILURE$/,
];
const MAVEN_SUMMARY =
  /^(?:Tests run:|Failures:|Errors:|Run \d+:|\s+\S+[.:]\S+|-> \[Help|Re-run Maven|To see the full|For more information|Please refer to|\[Help \d+\]|$)/;

const END = [
  /^⎯{3,}/,
  /^={3,}/,
  /^-{10,}$/,
  /^(?:Test Suites|Tests|Snapshots|Time|Ran all test suites)\b/,
  /^(?:Test Files|Tests|Start at|Duration)\s+\d/,
  /^(?:FAIL|ok|PASS)(?:\s|$)/,
  /^exit status \d+$/,
  /^--- (?:PASS|SKIP): /,
  /^ℹ /,
  /^# (?:Subtest|tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)\b/,
  /^ok \d+ /,
  /^\[(?:INFO|WARNING|WARN)\]/,
  /^(?:Node\.js v\d|Process finished with exit code)/,
];

/** Classifies one cleaned log line (without its indentation). */
export function classifyLine(trimmed: string, indent: number): LineClass {
  if (trimmed === '') return { kind: 'other' };
  const header = matchHeader(trimmed, indent);
  if (header !== undefined) return header;
  const jestFile = JEST_FILE.exec(trimmed);
  if (jestFile?.[1] !== undefined) return { kind: 'test-file', file: jestFile[1] };
  const goRun = GO_RUN.exec(trimmed);
  if (goRun?.[1] !== undefined) return { kind: 'go-run', name: goRun[1] };
  const summary = PYTEST_SUMMARY.exec(trimmed);
  if (summary?.[1] !== undefined) {
    const nodeId = summary[1];
    return {
      kind: 'summary',
      testId: pytestId(nodeId),
      label: nodeId.split('::').slice(1).join('.'),
      message: summary[2] ?? trimmed,
    };
  }
  if (/^console\.(?:log|info|warn|error|debug|trace)$/.test(trimmed)) {
    return { kind: 'mute', untilBlank: false }; // jest's console block: indented lines follow
  }
  if (/^(?:stdout|stderr) \| /.test(trimmed)) return { kind: 'mute', untilBlank: true };
  if (trimmed.startsWith('[ERROR]') || trimmed.startsWith('##[error]')) return levelled(trimmed);
  if (END.some((pattern) => pattern.test(trimmed))) return { kind: 'end' };
  return classifyError(trimmed);
}

function matchHeader(trimmed: string, indent: number): LineClass | undefined {
  const vitest = VITEST_TEST.exec(trimmed);
  if (vitest?.[1] !== undefined && vitest[2] !== undefined) {
    const parts = vitest[2].split(' > ');
    const name = parts.pop() ?? '';
    return {
      kind: 'header',
      style: 'vitest',
      label: vitest[2],
      testId: idOf(vitest[1], parts, name),
      file: vitest[1],
    };
  }
  const vitestFile = VITEST_FILE.exec(trimmed);
  if (vitestFile?.[1] !== undefined)
    return { kind: 'header', style: 'vitest', label: vitestFile[1], file: vitestFile[1] };
  const jest = JEST_TEST.exec(trimmed);
  if (jest?.[1] !== undefined && jest[1] !== 'Console')
    return { kind: 'header', style: 'jest', label: jest[1] };
  const spec = NODE_SPEC.exec(trimmed);
  if (spec?.[1] !== undefined && !spec[1].endsWith(':'))
    return { kind: 'header', style: 'node-test', label: spec[1] };
  const tap = TAP_NOT_OK.exec(trimmed);
  if (tap?.[1] !== undefined && tap[2] === undefined) return { kind: 'header', style: 'tap', label: tap[1] };
  const pytest = indent === 0 ? PYTEST_HEADER.exec(trimmed) : null;
  if (pytest?.[1] !== undefined) return { kind: 'header', style: 'pytest', label: pytest[1] };
  const unittest = UNITTEST.exec(trimmed);
  if (unittest?.[1] !== undefined && unittest[2] !== undefined) {
    const name = unittest[1];
    const className = unittest[2].endsWith(`.${name}`) ? unittest[2].slice(0, -name.length - 1) : unittest[2];
    return { kind: 'header', style: 'unittest', label: name, testId: idOf('', [className], name) };
  }
  const go = GO_FAIL.exec(trimmed);
  if (go?.[1] !== undefined) return { kind: 'header', style: 'go', label: go[1] };
  return undefined;
}

/** `[ERROR] ...` (Maven) and `##[error]...` (GitHub annotations): a test header, a real error, or fallout. */
function levelled(trimmed: string): LineClass {
  const rest = trimmed.replace(/^(?:\[ERROR\] ?|##\[error\])/, '');
  const maven = MAVEN.exec(rest);
  if (maven?.[1] !== undefined) {
    const method = /^(.+)\(([\w.$]+)\)$/.exec(maven[1]);
    const className = method?.[2] ?? maven[1].slice(0, maven[1].lastIndexOf('.'));
    const name = method?.[1] ?? maven[1].slice(maven[1].lastIndexOf('.') + 1);
    return { kind: 'header', style: 'maven', label: maven[1], testId: idOf('', [className], name) };
  }
  if (trimmed.startsWith('[ERROR]') && MAVEN_SUMMARY.test(rest)) return { kind: 'end' };
  const inner = classifyError(rest.trim());
  return inner.kind === 'error' ? inner : { kind: 'error', fallout: true, traceback: false };
}

/** Whether a line starts a failure: an exception, a panic, a compiler error, or a tool giving up (fallout). */
export function classifyError(trimmed: string): LineClass {
  if (trimmed === 'Traceback (most recent call last):')
    return { kind: 'error', fallout: false, traceback: true };
  if (FALLOUT.some((pattern) => pattern.test(trimmed)))
    return { kind: 'error', fallout: true, traceback: false };
  if (EXCEPTION.test(trimmed) || OTHER_PRIMARY.some((pattern) => pattern.test(trimmed))) {
    return { kind: 'error', fallout: false, traceback: false };
  }
  return { kind: 'other' };
}

/** True for an exception line such as `ValueError: bad` or `java.lang.IllegalStateException`. */
export function isExceptionLine(trimmed: string): boolean {
  return EXCEPTION.test(trimmed);
}

/** Lines inside a trace that are not frames but keep it going (JVM causes, Go goroutines). */
export const TRACE_CONTINUATION =
  /^(?:Caused by: |Suppressed: |\.\.\. \d+ more|\[cause\]: |goroutine \d+ \[|created by |During handling of the above|The above exception was)/;

function idOf(file: string, suite: readonly string[], name: string): string {
  return `${file}::${suite.join(' > ')}::${name}`;
}

function pytestId(nodeId: string): string {
  const [file = '', ...rest] = nodeId.split('::');
  const name = rest.pop() ?? '';
  return idOf(file, rest, name);
}
