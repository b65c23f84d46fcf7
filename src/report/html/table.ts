import { html, type Raw } from '../escape-html.ts';

interface Column {
  label: string;
  /** Right-aligned, sorted as a number. */
  num?: boolean;
}

interface Cell {
  /** Displayed markup. */
  html: Raw | string | number;
  /** Sort key when the displayed text is not it (e.g. `212.4` for "212ms"). */
  sort?: number | string;
}

export interface TableOptions {
  id: string;
  columns: Column[];
  rows: { cells: (Cell | Raw | string | number)[]; className?: string }[];
  /** Placeholder of the filter box; no box when absent. */
  filter?: string;
  empty?: string;
}

/**
 * A table the inline client script makes sortable (click a header) and
 * filterable (the text box above it). Every cell value is escaped by `html`.
 */
export function sortableTable(options: TableOptions): Raw {
  if (options.rows.length === 0) return html`<p class="muted">${options.empty ?? 'Nothing to show.'}</p>`;
  const tools = options.filter
    ? html`<div class="table-tools"><input type="search" data-filter-for="${options.id}" placeholder="${options.filter}" aria-label="${options.filter}"></div>`
    : '';
  const head = options.columns.map(
    (c) => html`<th scope="col"${c.num ? html` class="num" data-type="num"` : ''}>${c.label}</th>`,
  );
  const body = options.rows.map(
    (row) =>
      html`<tr${row.className ? html` class="${row.className}"` : ''}>${row.cells.map((cell, i) => td(cell, options.columns[i]))}</tr>`,
  );
  return html`${tools}<div class="table-wrap"><table id="${options.id}" data-sortable><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function td(cell: Cell | Raw | string | number, column: Column | undefined): Raw {
  const c: Cell = typeof cell === 'object' && 'html' in cell ? cell : { html: cell };
  const sort = c.sort === undefined ? '' : html` data-sort="${c.sort}"`;
  return html`<td${column?.num ? html` class="num"` : ''}${sort}>${c.html}</td>`;
}
