/**
 * The guarded agent's input screen: hidden content is stripped, and sentences that read as
 * instructions to the assistant (overrides, prompt-reveal requests, dictated replies, tool calls,
 * sentences addressed to "the AI") are dropped before anything is answered from them.
 */
import { findDirectives, OVERRIDE, REVEAL, segments } from './directives.js';
import { stripHidden } from './hidden.js';

export interface Screening {
  hiddenRemoved: number;
  sentencesDropped: number;
  passagesDropped: number;
  /** With GUARD_MODULE: passages dropped because the guard classed them as injection (also in passagesDropped). */
  guardDropped?: number;
}

/** Sentences addressed to the assistant; "Assistant Secretary" and "the lead agency" are not. */
const ADDRESSED =
  /\b(?:AI(?: assistant| model| system)?|assistant(?! (?:secretary|director|administrator|field|regional|state|district))|chatbot|language model|LLM|agent)s?\b[^.]{0,40}?\b(?:must|should|shall|needs? to|is instructed|are instructed|will now)\b/i;
const PROMPT_TALK = /\b(?:system|hidden|initial) prompt\b|\bjailbreak\b|\bprompt injection\b/i;

/** True when a sentence reads as an instruction aimed at the assistant. */
export function isInstruction(sentence: string): boolean {
  return findDirectives(sentence).length > 0 || ADDRESSED.test(sentence) || PROMPT_TALK.test(sentence);
}

/** Screens one retrieved passage: hidden content out, instruction-like sentences out. */
export function screenPassage(text: string): {
  text: string;
  hiddenRemoved: number;
  sentencesDropped: number;
} {
  const stripped = stripHidden(text);
  const kept: string[] = [];
  let dropped = 0;
  for (const sentence of segments(stripped.text)) {
    if (isInstruction(sentence)) dropped++;
    else kept.push(sentence);
  }
  return { text: kept.join(' '), hiddenRemoved: stripped.removed, sentencesDropped: dropped };
}

/**
 * Screens the question: hidden characters are stripped; an attempt to change the rules, reveal
 * the prompt or dictate the reply makes the question a refusal. Tool requests are not injections
 * here (the user may ask for them); the confirmation rule decides those.
 */
export function screenQuestion(question: string): {
  text: string;
  injection: boolean;
  hiddenRemoved: number;
} {
  const stripped = stripHidden(question);
  const injection = segments(stripped.text).some(
    (s) =>
      OVERRIDE.test(s) ||
      REVEAL.test(s) ||
      PROMPT_TALK.test(s) ||
      findDirectives(s).some((d) => d.kind === 'respond'),
  );
  return { text: stripped.text, injection, hiddenRemoved: stripped.removed };
}
