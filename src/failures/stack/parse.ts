import type { StackFrame } from './model.js';

const JVM_AT = /^\s*at ([^\s()]+)\(([^()]*)\)(?:\s.*)?$/;
// util.inspect appends ` {` to the last frame when the error has own properties.
const V8_AT = /^\s*at (.+?)(?: \{)?$/;
const V8_VITEST = /^\s*❯ (?:(\S+) )?(\S+?):(\d+):(\d+)$/;
const V8_BARE = /^\s+((?:async )?[\w$.<>]+(?: \[as [\w$]+\])?) \(([^()]+):(\d+):(\d+)\)$/;
const PY_FILE = /^\s*File "(.+)", line (\d+)(?:, in (.+))?$/;
const PY_PYTEST = /^(\S+\.py):(\d+):(?: in (\S+)| [A-Za-z_][\w.]*)?$/;
const LOCATION = /^(.+?):(\d+)(?::(\d+))?$/;
const NON_FILE_LOCATION = /^(?:native|<[^>]*>|index \d+)$/;
const JVM_INTERNAL = /^(?:java|javax|jdk|sun|com\.sun)\./;

/**
 * The stack frames in a block of text: V8/Node (`at fn (file:1:2)`, vitest's `❯ file:1:2`, the
 * bare frames of node:test's TAP `stack:`), Python (`File "x.py", line 3, in f` and pytest's
 * `x.py:3: in f`) and JVM (`at com.acme.Foo.bar(Foo.java:42)`). Other lines, including JVM
 * `Caused by:` and `... 12 more`, are skipped.
 */
export function parseStackFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of text.split(/\r?\n/)) {
    const frame = parseStackFrame(line);
    if (frame !== undefined) frames.push(frame);
  }
  return frames;
}

/** The frame on one line, or undefined when the line is not a stack frame. */
export function parseStackFrame(line: string): StackFrame | undefined {
  const jvm = JVM_AT.exec(line);
  if (jvm !== null) return jvmFrame(jvm[1] ?? '', jvm[2] ?? '');
  const v8 = V8_AT.exec(line);
  if (v8 !== null) return v8Frame(v8[1] ?? '');
  const vitest = V8_VITEST.exec(line);
  if (vitest !== null) return withLocation(vitest[2] ?? '', vitest[3], vitest[4], vitest[1], 'v8');
  const bare = V8_BARE.exec(line);
  if (bare !== null) return withLocation(bare[2] ?? '', bare[3], bare[4], stripAsync(bare[1] ?? ''), 'v8');
  const py = PY_FILE.exec(line);
  if (py !== null) return withLocation(py[1] ?? '', py[2], undefined, py[3], 'python');
  const pytest = PY_PYTEST.exec(line);
  if (pytest !== null) return withLocation(pytest[1] ?? '', pytest[2], undefined, pytest[3], 'python');
  return undefined;
}

function v8Frame(rest: string): StackFrame | undefined {
  const body = stripAsync(rest.trim());
  const open = body.indexOf(' (');
  let fn: string | undefined;
  let location = body;
  if (open !== -1 && body.endsWith(')')) {
    fn = body.slice(0, open);
    location = body.slice(open + 2, -1);
  }
  if (location.startsWith('eval at ')) {
    // `eval at fn (file:1:2), <anonymous>:1:1`: the file that called eval is the useful part.
    const inner = /\(([^()]+:\d+:\d+)\)/.exec(location);
    if (inner?.[1] !== undefined) location = inner[1];
  }
  const match = LOCATION.exec(location);
  if (match === null) {
    // `at Array.forEach (<anonymous>)`, `at async Promise.all (index 0)`, `(native)`.
    if (fn === undefined || !NON_FILE_LOCATION.test(location)) return undefined;
    return { file: location, fn, format: 'v8', internal: true };
  }
  return withLocation(match[1] ?? '', match[2], match[3], fn, 'v8');
}

function jvmFrame(qualified: string, location: string): StackFrame {
  // `java.base/java.lang.Thread.run` and `app//com.acme.Foo.bar` carry a module or loader prefix.
  const name = qualified.slice(qualified.lastIndexOf('/') + 1);
  const className = name.slice(0, Math.max(0, name.lastIndexOf('.')));
  const packageName = className.slice(0, Math.max(0, className.lastIndexOf('.')));
  const match = /^(.+?)(?::(\d+))?$/.exec(location);
  const fileName = match?.[1] ?? location;
  const known = /\.\w+$/.test(fileName);
  const file = known && packageName !== '' ? `${packageName.replaceAll('.', '/')}/${fileName}` : fileName;
  const frame: StackFrame = {
    file,
    fn: name,
    format: 'jvm',
    internal: JVM_INTERNAL.test(name) || fileName === 'Native Method',
  };
  const line = Number(match?.[2]);
  if (known && Number.isInteger(line) && match?.[2] !== undefined) frame.line = line;
  return frame;
}

function withLocation(
  file: string,
  line: string | undefined,
  column: string | undefined,
  fn: string | undefined,
  format: StackFrame['format'],
): StackFrame {
  const frame: StackFrame = { file, format, internal: isInternalFile(file) };
  if (line !== undefined) frame.line = Number(line);
  if (column !== undefined) frame.column = Number(column);
  if (fn !== undefined && fn !== '') frame.fn = fn;
  return frame;
}

function stripAsync(text: string): string {
  return text.startsWith('async ') ? text.slice(6) : text;
}

function isInternalFile(file: string): boolean {
  return (
    file.startsWith('node:') ||
    file.startsWith('internal/') ||
    file.startsWith('<') ||
    file === 'native' ||
    file.startsWith('index ')
  );
}
