/**
 * Splits extracted text into headed sections. Headings are `#` lines (Markdown, and HTML after
 * conversion); in plain text and PDFs, numbered lines ("4.2 Public Comments"), ALL-CAPS lines and
 * a few well-known NEPA section names on a line of their own.
 */

export interface Section {
  heading?: string;
  lines: string[];
}

const KNOWN_SECTIONS =
  /^(summary|introduction|background|purpose and need|proposed action|alternatives|affected environment|environmental consequences|decision|schedule|timeline|milestones|key dates|public involvement|public comments?|comments received|summary of (public )?comments|responses? to comments|consultation and coordination)$/i;

/** The heading text of a line, or undefined when the line is not a heading. */
export function headingOf(line: string): string | undefined {
  const trimmed = line.trim();
  const markdown = trimmed.match(/^#{1,6}\s+(.+?)\s*#*$/);
  if (markdown) return markdown[1];
  if (trimmed.length === 0 || trimmed.length > 80 || /[.:;,]$/.test(trimmed) || trimmed.includes(':')) {
    return undefined;
  }
  const numbered = trimmed.match(/^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+([A-Z][^.]*)$/);
  if (numbered) return numbered[1];
  if (/[A-Z]{3}/.test(trimmed) && trimmed === trimmed.toUpperCase() && /^[A-Z0-9 ,&'()/-]+$/.test(trimmed)) {
    return trimmed;
  }
  return KNOWN_SECTIONS.test(trimmed) ? trimmed : undefined;
}

/** Splits text into sections; text before the first heading is a section without a heading. */
export function splitSections(text: string): Section[] {
  const sections: Section[] = [{ lines: [] }];
  for (const line of text.split('\n')) {
    const heading = headingOf(line);
    if (heading !== undefined) sections.push({ heading, lines: [] });
    else sections[sections.length - 1]?.lines.push(line);
  }
  return sections.filter((section) => section.heading !== undefined || section.lines.some((l) => l.trim()));
}

/** The first value of a `Label: value` line, for any of the given labels. */
export function labelled(text: string, labels: string): string | undefined {
  const match = text.match(new RegExp(`^[-*\\s]*(?:${labels})\\s*[:#]\\s*(.+?)\\s*$`, 'im'));
  return match?.[1]?.replace(/\*+/g, '').trim() || undefined;
}
