/** Terms for BM25: lower case, letters and digits, common words dropped, plurals folded. */

const STOPWORDS = new Set(
  'a an and are as at be been but by can did do does for from had has have how i if in into is it its of on or our so such than that the their them then there these they this to was we were what when where which who why will with would you your about after all also any before between both each more most other over same some under up'.split(
    ' ',
  ),
);

function stem(term: string): string {
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (term.length > 3 && term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us'))
    return term.slice(0, -1);
  return term;
}

/** Splits text into search terms. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 1 && !STOPWORDS.has(term))
    .map(stem);
}
