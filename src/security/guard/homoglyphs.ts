/**
 * Cyrillic and Greek letters that render like Latin ones (FROM[i] imitates TO[i]). NFKC leaves
 * these alone, so an attacker can write "іgnоrе" with Cyrillic і, о, е and slip past exact phrases.
 */
const FROM = 'авеёкмнорстухіїјѕԁԛԝһӏɡɩАВЕКМНОРСТУХІЈЅαεικνορτυχϲΑΒΕΖΗΙΚΜΝΟΡΤΥΧ';
const TO = 'abeekmhopctyxiijsdqwhlgiABEKMHOPCTYXIJSaeikvoptuxcABEZHIKMNOPTYX';
const TABLE = new Map<string, string>([...FROM].map((ch, i) => [ch, TO[i] ?? ch]));
/** Any character that could be a look-alike: the fast path skips text without one. */
const SUSPECT = /[\u0250-\u02af\u0370-\u03ff\u0400-\u052f]/;

export interface FoldedText {
  text: string;
  /** Words that mixed Latin letters with look-alikes: a sign of deliberate obfuscation. */
  mixedWords: number;
}

const isLetter = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();
const isLatin = (ch: string) =>
  (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '\u00c0' && ch <= '\u024f');

/**
 * Replaces look-alike letters in words that are otherwise Latin (or made only of look-alikes),
 * leaving genuinely Cyrillic or Greek words alone. One pass over the text.
 */
export function foldHomoglyphs(text: string): FoldedText {
  if (!SUSPECT.test(text)) return { text, mixedWords: 0 };
  let out = '';
  let word = '';
  let mixedWords = 0;
  const flush = () => {
    if (word === '') return;
    let latin = false;
    let lookalike = false;
    let foreign = false;
    for (const ch of word) {
      if (isLatin(ch)) latin = true;
      else if (TABLE.has(ch)) lookalike = true;
      else foreign = true;
    }
    if (lookalike && !foreign && (latin || word.length >= 3)) {
      if (latin) mixedWords++;
      for (const ch of word) out += TABLE.get(ch) ?? ch;
    } else out += word;
    word = '';
  };
  for (const ch of text) {
    if (isLetter(ch)) word += ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return { text: out, mixedWords };
}
