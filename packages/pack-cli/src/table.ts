/** Plain aligned text tables for terminal output (no colours: output is often piped or logged). */
export type ColumnAlign = 'left' | 'right';

export interface TableColumn {
  header: string;
  align?: ColumnAlign;
}

/** Renders rows under headers, columns separated by two spaces, trailing spaces trimmed. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [header, rule, ...rows.map(line)].join('\n') + '\n';
}
