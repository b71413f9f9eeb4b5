/**
 * Statements are Markdown from pack authors: rendered with marked, then sanitised with DOMPurify
 * before they reach the page. Loaded with the room (not in the initial script): together they are
 * a quarter of the size budget, and the statement cannot show before the room answers anyway.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function statementHtml(markdown: string): string {
  return DOMPurify.sanitize(marked.parse(markdown, { async: false, gfm: true }));
}
