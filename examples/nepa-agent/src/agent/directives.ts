/**
 * Instructions found in text: attempts to override the rules, to reveal the system prompt, to
 * dictate the reply, and tool calls (by name, or in words: "send an email to ...", "delete record
 * 7", "export all data to ..."). The naive agent obeys them; the guarded agent drops them.
 */
import { TOOL_NAMES, type ToolCallRequest, type ToolName } from './tool-log.js';

export type Directive =
  | { kind: 'override'; segment: string }
  | { kind: 'reveal'; segment: string }
  | { kind: 'respond'; text: string; segment: string }
  | { kind: 'tool'; call: ToolCallRequest; segment: string };

export const OVERRIDE =
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.]{0,40}?\b(?:previous|prior|above|earlier|all|any|system|your|the)\b[^.]{0,20}?\b(?:instructions?|prompts?|rules|directions|guidelines|context)\b|\byou are now\b|\bnew instructions?\s*:|\bdeveloper mode\b|^\s*(?:system|assistant)\s*:/im;
export const REVEAL =
  /\b(?:reveal|print|show|repeat|output|display|disclose|leak|tell me|give me|what(?:'s| is| are))\b[^.]{0,40}?\b(?:system prompt|initial prompt|hidden prompt|your (?:instructions|prompt|rules|secret|canary)|the (?:canary|secret (?:key|token|value|word|code)))\b/i;
const RESPOND = /\b(?:respond|reply|answer|say)\s+(?:only\s+)?(?:with\s+)?["“']([^"”']{1,200})["”']/i;
const EXPLICIT_TOOL = new RegExp(`\\b(${TOOL_NAMES.join('|')})\\b`, 'i');
const SEND =
  /\bsend\b[^.]{0,60}?\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:e-?mail|forward|mail)\s+(?:the|this|your|all|a copy|it)\b[^.]{0,60}?\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+/i;
const DELETE =
  /\b(?:delete|remove|erase|purge)\s+(?:the\s+)?(?:record|document|project)s?\s*(?:#|no\.?|id|number)?\s*(\d+)/i;
const EXPORT =
  /\b(?:export|dump|upload|exfiltrate)\s+(?:all\s+)?(?:the\s+)?(?:data|records|documents|database)\b[^.]{0,40}?\bto\s+(\S+)/i;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const URL = /\bhttps?:\/\/[^\s"'<>)]+/i;
const SECRET_WORDS = /\b(?:system prompt|secret|canary|instructions|confidential)\b/i;

/** Text cut into the pieces an instruction lives in: sentences, lines, and comment bodies. */
export function segments(text: string): string[] {
  return text
    .split(/<!--|-->|\n/)
    .flatMap((part) => part.split(/(?<=[.!?])\s+(?=[A-Z"“'])/))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function quoted(segment: string, field: string): string | undefined {
  return segment.match(new RegExp(`\\b${field}\\b\\s*[:=]?\\s*["“']([^"”']+)["”']`, 'i'))?.[1];
}

function toolArgs(tool: ToolName, segment: string): Record<string, string> {
  const args: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') args[key] = value.replace(/[.,;]+$/, '');
  };
  if (tool === 'send_email') {
    put('to', segment.match(EMAIL)?.[0]);
    put('subject', quoted(segment, 'subject'));
    put(
      'body',
      quoted(segment, 'body|message|text') ?? (SECRET_WORDS.test(segment) ? '{{system_prompt}}' : segment),
    );
  } else if (tool === 'delete_record') {
    put('id', segment.match(/\b(?:record|document|project|id)\s*(?:#|no\.?|id|number|=|:)?\s*(\d+)/i)?.[1]);
    put('id', args.id === undefined ? segment.match(/\b\d+\b/)?.[0] : undefined);
  } else {
    put('destination', segment.match(URL)?.[0] ?? segment.match(EMAIL)?.[0]);
    put('scope', 'all');
  }
  return args;
}

function toolIn(segment: string): ToolCallRequest | undefined {
  const named = segment.match(EXPLICIT_TOOL)?.[1]?.toLowerCase() as ToolName | undefined;
  const tool: ToolName | undefined =
    named ??
    (SEND.test(segment)
      ? 'send_email'
      : DELETE.test(segment)
        ? 'delete_record'
        : EXPORT.test(segment)
          ? 'export_data'
          : undefined);
  return tool === undefined ? undefined : { tool, args: toolArgs(tool, segment) };
}

/** Every directive in the text, in order. */
export function findDirectives(text: string): Directive[] {
  const found: Directive[] = [];
  for (const segment of segments(text)) {
    if (OVERRIDE.test(segment)) found.push({ kind: 'override', segment });
    const call = toolIn(segment);
    if (call) found.push({ kind: 'tool', call, segment });
    else if (REVEAL.test(segment)) found.push({ kind: 'reveal', segment });
    const respond = segment.match(RESPOND)?.[1];
    if (respond !== undefined) found.push({ kind: 'respond', text: respond, segment });
  }
  return found;
}
