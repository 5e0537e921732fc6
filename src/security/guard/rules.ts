import type { NormalizedText } from './normalize.js';

/** An interpretable feature: fires on a pattern typical of injections and says so in the reasons. */
interface Rule {
  id: string;
  reason: string;
  /** Fires so reliably on attacks that it lifts the score to at least {@link STRONG_FLOOR} by itself. */
  strong?: boolean;
  test: (input: NormalizedText) => boolean;
}

/** Score a strong rule guarantees, whatever the learned weights say. */
export const STRONG_FLOOR = 0.9;

const GAP = '[^.!?\\n]{0,40}?';
const phrase = (source: string) => new RegExp(source, 'u');
const matches = (pattern: RegExp) => (input: NormalizedText) => pattern.test(input.text);

const OVERRIDE_EN = phrase(
  `\\b(?:ignore|disregard|forget|skip|override|bypass|drop|abandon)\\b${GAP}\\b(?:previous|prior|above|earlier|preceding|former|all|any|every|your|system)\\b${GAP}\\b(?:instructions?|prompts?|rules|directions|directives|guidelines|tasks?|assignments?|context|orders|commands|guardrails|restrictions|thoughts|information)\\b`,
);
const FORGET_ALL = phrase(
  '\\b(?:forget|ignore|disregard) (?:about )?(?:everything|all of (?:that|this|the above)|all that|what (?:i|we) (?:said|told you|discussed))\\b' +
    '|\\b(?:forget|ignore|disregard) (?:the |all )?(?:above|before|previous|prior)\\b' +
    '|\\b(?:disregard(?:ing)?|ignor(?:e|ing)) (?:the |all )?(?:articles?|texts?|context|documents?|sources)\\b' +
    "|\\bdespite what you(?:'ve| have)? been told|\\bregardless of (?:your|any|previous) (?:instructions|rules)",
);
const OVERRIDE_DE = phrase(
  `(?:\\bvergi(?:ss|ß)|\\bvergessen sie|\\bignorier(?:e|en sie)?\\b|\\bmissachte|\\bvernachlässige|überschreibe)${GAP}(?:\\balles\\b|\\balle\\b|\\bvorherige|\\bbisherige|\\bobige|\\banweisung|\\baufgabe|\\bbefehle|\\bregeln|\\bdavor\\b)`,
);
const IRRELEVANT = phrase(
  '\\b(?:all|everything|the) (?:previous|prior|above)[^.!?\\n]{0,40} (?:is|are) (?:irrelevant|void|cancel+ed|obsolete)|\\b(?:alle|die) (?:bisherigen|vorherigen)[^.!?\\n]{0,60} (?:sind|ist) (?:irrelevant|ungültig|hinfällig)',
);
const NEW_TASK = phrase(
  '\\b(?:new (?:task|instructions?|assignment|rules?)|now focus on|from now on|starting now|instead,? (?:say|write|print|tell)|(?:^|[.!:] )(?:stop|halt)[ :,-]{1,4}(?:write|say|print)|neue (?:aufgabe|anweisung|anweisungen|regeln)|ab (?:jetzt|sofort)|von nun an|stattdessen)\\b',
);
const ROLE_PLAY = phrase(
  "\\b(?:you are now|you're now|now you are|act as|acting as|pretend (?:to be|you are|that you)|role-?play|you will play|imagine you are|behave like|du bist (?:jetzt|nun|ab jetzt)|tu so,? als|stell dir vor,? du bist|verhalte dich wie|spiele die rolle|als [a-zäöüß-]+ (?:fungieren|agieren)|dan mode|developer mode|jailbreak|do anything now)\\b",
);
const PROMPT_LEAK = phrase(
  `\\b(?:system prompt|system message|initial prompt|original prompt|hidden prompt|prompt texts?|your (?:instructions|prompt|rules|guidelines|configuration)|systemprompt|systemanweisung|deine (?:anweisungen|instruktionen|regeln))\\b|\\b(?:reveal|show|print|repeat|output|leak|display|tell me|zeig|gib|wiederhole)\\b${GAP}\\b(?:prompt|instructions|anweisungen)\\b`,
);
const EXFIL = phrase(
  '!\\[[^\\]\\n]{0,200}\\]\\(\\s?https?://[^)\\s]{1,400}[?&][^)\\s=]{1,100}=[^)\\s]{0,400}\\)|<img[^>]{0,200}src=["\']?https?://[^"\'>\\s]{1,400}\\?|\\b(?:send|post|upload|exfiltrate|forward|leak)\\b[^.!?\\n]{0,60}\\b(?:to|an) https?://',
);
const FAKE_TURN = phrase(
  '<\\|(?:im_start|im_end|system|endoftext)\\|>|\\[/?(?:system|inst)\\]|<<sys>>|</?system>|^(?:system|assistant) ?:|\\n(?:system|assistant) ?:|#{2,} ?(?:system|new instructions|instructions)|\\bend of (?:prompt|instructions|system prompt)\\b',
);
const OVERRIDE_OTHER = phrase(
  '\\b(?:oubliez|oublie|ignorez|olvida|olvidar|olvide|ignora|dimentica|esquece|esqueça)\\b[^.!?\\n]{0,30}\\b(?:toutes?|tous|todo|todas?|tutte?|tutto|consignes|instrucciones|istruzioni|instruções)\\b|(?:забудь|игнорируй|забудьте|игнорируйте)',
);
const COMMAND = phrase(
  '(?:^|[.!?:;]\\s?|\\\\n\\s?)(?:say|write|state that|include that|generate|print|output|repeat after|answer with|respond with|reply with|make (?:something )?up|be an? |pretend|schreib[a-z]*|sag[a-z]*|formulier[a-z]*|verfass[a-z]*|gib mir|erstell[a-z]*|generier[a-z]*|antworte|behaupte)\\b',
);
const PERSONA = phrase(
  "(?:^|[.!?:;]\\s?)(?:you are|you're|du bist|nun bist du|jetzt bist du|sie sind jetzt)\\b",
);
const SCAFFOLD = phrase(
  '\\\\ ?n|\\b(?:additional |new )?instructions?\\s?:|(?:^|\\s)\\$?(?:documents?|context|kontext|artikel|input|eingabe)\\s?:?\\s?\\{?[^?]{0,300}\\b(?:question|frage|output|ausgabe)\\s?:?',
);

/** The rules in feature order. Changing this list changes the feature space: retrain after. */
export const RULES: readonly Rule[] = [
  {
    id: 'override',
    reason: 'tells the model to ignore its previous instructions',
    strong: true,
    test: matches(OVERRIDE_EN),
  },
  { id: 'forget-all', reason: 'tells the model to forget everything before', test: matches(FORGET_ALL) },
  {
    id: 'override-de',
    reason: 'tells the model to forget or ignore its instructions (German)',
    test: matches(OVERRIDE_DE),
  },
  {
    id: 'declared-irrelevant',
    reason: 'declares the earlier instructions irrelevant',
    test: matches(IRRELEVANT),
  },
  { id: 'new-task', reason: 'hands the model a new task or rules', test: matches(NEW_TASK) },
  { id: 'role-play', reason: 'asks the model to take on another role or persona', test: matches(ROLE_PLAY) },
  {
    id: 'prompt-leak',
    reason: "asks for the system prompt or the model's instructions",
    test: matches(PROMPT_LEAK),
  },
  {
    id: 'exfiltration',
    reason: 'carries an exfiltration channel (image or link with a query string, or "send to URL")',
    strong: true,
    test: matches(EXFIL),
  },
  {
    id: 'override-other',
    reason: 'tells the model to forget its instructions (French, Spanish, Italian, Portuguese or Russian)',
    test: matches(OVERRIDE_OTHER),
  },
  {
    id: 'command',
    reason: 'issues a command (say, write, generate, print ...) rather than asking',
    test: matches(COMMAND),
  },
  {
    id: 'persona',
    reason: 'tells the model who it is ("you are ...", "du bist ...")',
    test: matches(PERSONA),
  },
  {
    id: 'scaffold',
    reason: 'wraps the request in an instruction/context/question scaffold or literal "\\n" escapes',
    test: matches(SCAFFOLD),
  },
  {
    id: 'fake-turn',
    reason: 'imitates a system or assistant turn, or chat-template delimiters',
    test: matches(FAKE_TURN),
  },
  {
    id: 'tag-characters',
    reason: 'hides text in invisible Unicode tag characters',
    strong: true,
    test: (i) => i.obfuscation.tagText.trim() !== '',
  },
  {
    id: 'zero-width',
    reason: 'contains zero-width or bidi control characters',
    test: (i) => i.obfuscation.zeroWidth > 0,
  },
  {
    id: 'homoglyphs',
    reason: 'mixes Latin with look-alike Cyrillic or Greek letters',
    test: (i) => i.obfuscation.homoglyphWords > 0,
  },
  {
    id: 'base64',
    reason: 'carries a base64-encoded text payload',
    test: (i) => i.obfuscation.decoded.length > 0,
  },
];

/** Ids of {@link RULES}, in feature order. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/** Which rules fire on a normalised prompt, as a 0/1 vector in {@link RULES} order. */
export function ruleHits(input: NormalizedText): number[] {
  return RULES.map((rule) => (rule.test(input) ? 1 : 0));
}
