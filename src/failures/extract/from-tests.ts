import type { TestCaseResult } from '../../testing/index.js';
import { parseStackFrame, type StackFrame } from '../stack/index.js';
import { DEFAULT_MAX_TEXT, firstMeaningfulLine, recordText, tidyMessage } from './message.js';
import type { FailureRecord, FailuresFromTestResultsOptions } from './model.js';

/** A JUnit `type` worth putting in front of the message: `org.opentest4j.AssertionFailedError`. */
const EXCEPTION_TYPE = /^(?:[\w$]+\.)*[\w$]*(?:Error|Exception|Failure|Fault)$/;

/**
 * One failure record per failed or errored test, from the message and stack its runner reported.
 * Reporters differ in where they put what (jest puts the whole stack in the message, JUnit XML
 * often only in the body), so message and stack are read together.
 */
export function failuresFromTestResults(
  tests: readonly TestCaseResult[],
  options: FailuresFromTestResultsOptions = {},
): FailureRecord[] {
  const maxText = options.maxTextLength ?? DEFAULT_MAX_TEXT;
  const records: FailureRecord[] = [];
  for (const test of tests) {
    if (test.outcome !== 'failed' && test.outcome !== 'errored') continue;
    const failure = test.failure;
    const lines = [...(failure?.message ?? '').split(/\r?\n/), ...(failure?.stack ?? '').split(/\r?\n/)];
    const stack: StackFrame[] = [];
    const stackLines: string[] = [];
    const messageLines: string[] = [];
    const seen = new Set<string>();
    for (const line of lines) {
      const frame = parseStackFrame(line);
      if (frame === undefined) {
        messageLines.push(line);
        continue;
      }
      // Reporters that copy the stack into the message as well must not double the frames.
      if (seen.has(line.trim())) continue;
      seen.add(line.trim());
      stack.push(frame);
      stackLines.push(line);
    }
    const found = firstMeaningfulLine(messageLines);
    const type = failure?.type;
    let message = found ?? (type === undefined ? `${test.outcome} without a message` : type);
    if (found !== undefined && type !== undefined && EXCEPTION_TYPE.test(type) && !found.includes(type)) {
      message = tidyMessage(`${type}: ${found}`);
    }
    records.push({
      source: 'test',
      testId: test.id,
      message,
      stack,
      text: recordText(message, stackLines, maxText),
    });
  }
  return records;
}
