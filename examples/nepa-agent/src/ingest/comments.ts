/**
 * Public comments: items under a comments heading ("Public Comments", "Comments Received",
 * "Responses to Comments"), written `- Commenter (date): text` or `Comment 3 from Commenter: text`;
 * a comment letter is one comment from its `From:` line.
 */
import { firstDate } from './dates.js';
import { labelled, splitSections } from './sections.js';

export interface ExtractedComment {
  commenter?: string;
  text: string;
  /** ISO date. */
  receivedDate?: string;
}

const COMMENT_HEADING = /comment/i;
const ITEM = /^(?:[-*•]|\d+[.)])\s+(.+)$|^(Comment\b.+)$/i;
const ATTRIBUTED =
  /^(?:Comment(?:\s+#?\d+)?\s*(?:from|by)?\s*)?([^:()]{2,80}?)\s*(?:\(([^)]*)\))?\s*:\s+(.+)$/i;

function parseItem(item: string): ExtractedComment | undefined {
  const attributed = item.match(ATTRIBUTED);
  if (!attributed) return item.length >= 10 ? { text: item } : undefined;
  const [, who = '', when = '', text = ''] = attributed;
  const comment: ExtractedComment = { text: text.trim() };
  const date = firstDate(when);
  const commenter = who.replace(/\*+/g, '').trim();
  if (commenter && !/^comment(?:\s+#?\d+)?$/i.test(commenter)) comment.commenter = commenter;
  if (date) comment.receivedDate = date;
  return comment;
}

/** Extracts public comments from the comment sections, or the whole letter for a comment letter. */
export function extractComments(text: string, documentType: string): ExtractedComment[] {
  if (documentType === 'comment letter') {
    const commenter = labelled(text, 'From|Commenter|Submitted by|Name');
    const comment: ExtractedComment = { text: text.slice(0, 4000).trim() };
    if (commenter) comment.commenter = commenter;
    const date = firstDate(labelled(text, 'Date|Received|Submitted') ?? text.slice(0, 600));
    if (date) comment.receivedDate = date;
    return [comment];
  }
  const comments: ExtractedComment[] = [];
  for (const section of splitSections(text)) {
    if (
      !section.heading ||
      !COMMENT_HEADING.test(section.heading) ||
      /comment period/i.test(section.heading)
    ) {
      continue;
    }
    for (const line of section.lines) {
      const match = line.trim().match(ITEM);
      const item = match?.[1] ?? match?.[2];
      const comment = item ? parseItem(item.trim()) : undefined;
      if (comment) comments.push(comment);
    }
  }
  return comments;
}
