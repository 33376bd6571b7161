/**
 * Reads the first Markdown table after an HTML-comment marker into rows keyed by column heading.
 * Used by the tests that keep the worked examples in docs/ honest.
 */
export function markdownTableAfter(document: string, marker: string): Record<string, string>[] {
  const start = document.indexOf(marker);
  if (start < 0) throw new Error(`marker ${marker} not found`);
  const lines = document.slice(start).split('\n').slice(1);
  const tableLines: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) {
      if (tableLines.length > 0) break;
      continue;
    }
    tableLines.push(line);
  }
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const [header, , ...rows] = tableLines;
  if (!header) throw new Error('table has no header');
  const names = cells(header);
  return rows.map((row) => {
    const values = cells(row);
    if (values.length !== names.length) throw new Error(`row has ${values.length} cells, header has ${names.length}: ${row}`);
    return Object.fromEntries(names.map((name, index) => [name, values[index] ?? '']));
  });
}
