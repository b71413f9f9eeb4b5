/**
 * Statements are Markdown from pack authors: rendered with marked, then sanitised with DOMPurify
 * before they reach the page. Loaded with the room (not in the initial script): together they are
 * a quarter of the size budget, and the statement cannot show before the room answers anyway.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** `title` is shown above the statement: a first heading that repeats it is left out. */
export function statementHtml(markdown: string, title?: string): string {
  const lines = markdown.replace(/^\s+/, '').split('\n');
  const body = title && lines[0]?.replace(/^#\s+/, '').trim() === title && lines[0].startsWith('# ') ? lines.slice(1).join('\n') : markdown;
  return DOMPurify.sanitize(marked.parse(body, { async: false, gfm: true }));
}
