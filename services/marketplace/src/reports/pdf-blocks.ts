/** pdfmake building blocks for the report: tables, code (optionally coloured per character) and diffs. */
import type { Content, TableCell } from 'pdfmake/interfaces.js';

export const CODE_FONT = 'Courier';
export const MAX_CODE_LINES = 400;

/** The standard PDF fonts are Latin-1 only: anything else in code shows as `?` rather than as a wrong glyph. */
export const latin1 = (text: string) => text.replace(/[^\n\t\x20-\x7e\xa0-\xff]/g, '?').replace(/\t/g, ' '); // one character for one: offsets stay those of the authorship spans

export function table(header: string[], rows: Array<Array<string | Content | TableCell>>, widths?: Array<string | number>): Content {
  return {
    table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body: [header.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  };
}

export function codeBlock(code: string, colourOf?: (offset: number) => string, numbered = false): Content {
  const lines = latin1(code).replace(/\n+$/, '').split('\n');
  const shown = lines.slice(0, MAX_CODE_LINES);
  const body: Content[] = [];
  let offset = 0;
  shown.forEach((line, i) => {
    const parts: Content[] = numbered ? [{ text: `${String(i + 1).padStart(4)}  `, color: '#9ca3af' }] : [];
    if (colourOf) {
      // Runs of one colour per line.
      let runStart = 0;
      for (let c = 1; c <= line.length; c++) {
        if (c === line.length || colourOf(offset + c) !== colourOf(offset + runStart)) {
          parts.push({ text: line.slice(runStart, c), color: colourOf(offset + runStart) });
          runStart = c;
        }
      }
    } else parts.push({ text: line });
    body.push({ text: parts, font: CODE_FONT, fontSize: 7.5, lineHeight: 1.3, preserveLeadingSpaces: true });
    offset += line.length + 1;
  });
  if (lines.length > shown.length) body.push({ text: `… ${lines.length - shown.length} more lines`, italics: true, fontSize: 8 });
  return { stack: body, margin: [0, 2, 0, 8] };
}

export function diffBlock(unified: string): Content {
  const lines = latin1(unified).replace(/\n+$/, '').split('\n').filter((l) => !/^={5,}$|^Index:/.test(l)).slice(0, MAX_CODE_LINES);
  return {
    stack: lines.map((line) => ({
      text: line || ' ',
      font: CODE_FONT,
      fontSize: 7.5,
      lineHeight: 1.3,
      preserveLeadingSpaces: true,
      color: line.startsWith('+') && !line.startsWith('+++') ? '#047857' : line.startsWith('-') && !line.startsWith('---') ? '#b91c1c' : line.startsWith('@@') ? '#6b7280' : '#111827',
    })),
    margin: [0, 2, 0, 8],
  };
}

export function clipLines(text: string, max: number): string {
  const lines = text.split('\n');
  return lines.length > max ? `${lines.slice(0, max).join('\n')}\n… (${lines.length - max} more lines)` : text;
}
