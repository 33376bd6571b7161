/*
 * Tables that fit a phone. Below the GOV.UK tablet breakpoint the service stylesheet (`public/app.css`)
 * stacks every `govuk-table`: each row becomes a block and each cell shows its column's heading
 * before its value, from a `data-label` attribute. Rather than every template repeating each heading
 * on each cell (and drifting from it), the labels are written here, once, into the finished page:
 * each body cell gets the text of the heading cell above it in the table's `<thead>`.
 *
 * It reads only the page Cordon has just rendered: text people typed is escaped by Nunjucks, so a
 * `<td` or `</th>` in the page is always markup. A cell that already has a `data-label` keeps it; a
 * heading that is only visually hidden (a checkbox column's "Select") labels nothing; a table with
 * the class `cordon-table--keep` is left as it is.
 */

const TABLE_TAG = /<(\/?)(table|thead|tbody|tfoot|tr|th|td)\b([^>]*)>/gi;

interface TableState {
  keep: boolean;
  inHead: boolean;
  headers: (string | null)[];
  column: number;
  /** Where the heading cell being read started (index just after its start tag), and its colspan. */
  headerStart: number | null;
  headerSpan: number;
}

function spanOf(attributes: string): number {
  const found = /\bcolspan\s*=\s*"?(\d+)/i.exec(attributes);
  const span = found ? Number(found[1]) : 1;
  return span >= 1 && span <= 50 ? span : 1;
}

/** A heading's text as a label: tags dropped, entities left as they are (they stay escaped in the attribute). */
function headingText(innerHtml: string): string | null {
  if (/govuk-visually-hidden/.test(innerHtml) && !innerHtml.replace(/<span[^>]*govuk-visually-hidden[^>]*>[\s\S]*?<\/span>/gi, '').replace(/<[^>]*>/g, '').trim()) return null;
  const text = innerHtml
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&quot;');
  return text || null;
}

export function labelTableCells(html: string): string {
  if (!html.includes('govuk-table')) return html;
  const stack: TableState[] = [];
  let out = '';
  let last = 0;
  for (const match of html.matchAll(TABLE_TAG)) {
    const [tag, closing, rawName, attributes = ''] = match;
    const name = rawName!.toLowerCase();
    const at = match.index;
    const table = stack[stack.length - 1];
    let replacement = tag;
    if (name === 'table') {
      if (closing) stack.pop();
      else stack.push({ keep: !/\bgovuk-table\b/.test(attributes) || /\bcordon-table--keep\b/.test(attributes), inHead: false, headers: [], column: 0, headerStart: null, headerSpan: 1 });
    } else if (table) {
      if (name === 'thead') {
        table.inHead = !closing;
        // A second heading row (a grouped heading) replaces the first: its cells name the columns.
        if (!closing) table.headers = [];
      } else if (name === 'tr' && !closing) {
        table.column = 0;
        if (table.inHead) table.headers = [];
      } else if ((name === 'th' || name === 'td') && table.inHead) {
        if (!closing) {
          table.headerStart = at + tag.length;
          table.headerSpan = spanOf(attributes);
        } else if (table.headerStart !== null) {
          const text = headingText(html.slice(table.headerStart, at));
          for (let i = 0; i < table.headerSpan; i++) table.headers.push(text);
          table.headerStart = null;
        }
      } else if ((name === 'td' || name === 'th') && !closing && !table.inHead) {
        const label = table.headers[table.column];
        table.column += spanOf(attributes);
        if (!table.keep && label && !/\bdata-label\s*=/.test(attributes)) {
          replacement = `<${rawName}${attributes.replace(/\s*\/?$/, '')} data-label="${label}">`;
        }
      }
    }
    if (replacement !== tag) {
      out += html.slice(last, at) + replacement;
      last = at + tag.length;
    }
  }
  return last === 0 ? html : out + html.slice(last);
}
