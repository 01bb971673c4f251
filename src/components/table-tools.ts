// Progressive enhancement of listing tables: filter rows by the selects of their controls
// (rows carry data-<filter> attributes), sort by any column marked data-sort (a button in the
// header; aria-sort says the order), and keep the choice in the URL (?state=…&sort=…).
const svg = 'http://www.w3.org/2000/svg';

/** Two small triangles; the one of the current order is filled (drawn, not a font's arrow). */
function sortMark(): SVGSVGElement {
  const mark = document.createElementNS(svg, 'svg');
  mark.setAttribute('class', 'sort-mark');
  mark.setAttribute('aria-hidden', 'true');
  mark.setAttribute('viewBox', '0 0 10 14');
  mark.setAttribute('width', '8');
  mark.setAttribute('height', '12');
  mark.setAttribute('data-order', 'none');
  for (const [points, part] of [
    ['5,1 9,6 1,6', 'up'],
    ['1,8 9,8 5,13', 'down'],
  ] as const) {
    const triangle = document.createElementNS(svg, 'polygon');
    triangle.setAttribute('points', points);
    triangle.setAttribute('class', part);
    mark.append(triangle);
  }
  return mark;
}

function cellValue(row: HTMLTableRowElement, column: number): string {
  const cell = row.cells[column];
  return (cell?.dataset.sortValue ?? cell?.textContent ?? '').trim();
}

function enhance(form: HTMLFormElement, table: HTMLTableElement): void {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = [...body.rows];
  const selects = [...form.querySelectorAll('select')];
  const count = form.querySelector<HTMLElement>('.table-count');
  const noun = form.dataset.noun ?? 'rows';
  const params = new URLSearchParams(window.location.search);
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }

  const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
  let sortColumn = -1;
  let ascending = true;

  const saveUrl = () => {
    const next = new URLSearchParams(window.location.search);
    for (const select of selects) {
      if (select.value) next.set(select.name, select.value);
      else next.delete(select.name);
    }
    if (sortColumn >= 0) next.set('sort', `${headers[sortColumn]!.dataset.sort}${ascending ? '' : '-desc'}`);
    const query = next.toString();
    history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
  };

  const filter = () => {
    let shown = 0;
    for (const row of rows) {
      const visible = selects.every((select) => !select.value || (row.dataset[select.name] ?? '').split(' ').includes(select.value));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    if (count) count.textContent = `${shown} of ${rows.length} ${noun} shown.`;
  };

  const sort = (column: number, asc: boolean) => {
    sortColumn = column;
    ascending = asc;
    const ordered = [...rows].sort((a, b) => {
      const order = cellValue(a, column).localeCompare(cellValue(b, column), 'en', { numeric: true });
      return asc ? order : -order;
    });
    body.append(...ordered);
    headers.forEach((header, index) => {
      if (!header.dataset.sort) return;
      header.setAttribute('aria-sort', index === column ? (asc ? 'ascending' : 'descending') : 'none');
      header.querySelector('.sort-mark')?.setAttribute('data-order', index === column ? (asc ? 'ascending' : 'descending') : 'none');
    });
  };

  headers.forEach((header, index) => {
    if (!header.dataset.sort) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(header.textContent, sortMark());
    button.addEventListener('click', () => {
      sort(index, sortColumn === index ? !ascending : true);
      saveUrl();
    });
    header.replaceChildren(button);
    header.setAttribute('aria-sort', 'none');
  });
  const requested = params.get('sort');
  if (requested) {
    const [name, direction] = requested.split('-');
    const column = headers.findIndex((header) => header.dataset.sort === name);
    if (column >= 0) sort(column, direction !== 'desc');
  }

  for (const select of selects) {
    select.addEventListener('change', () => {
      filter();
      saveUrl();
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
  });
  // The selects take over from the links (no-script-filters.ts); a link's target becomes a select value.
  const target = /-f(\d+)-(\d+)$/.exec(window.location.hash);
  if (target && window.location.hash.startsWith(`#${table.id}-f`)) {
    const select = selects[Number(target[1]) - 1];
    if (select) select.selectedIndex = Number(target[2]);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    saveUrl();
  }
  table.classList.add('enhanced');
  const links = document.querySelector<HTMLElement>(`[data-filter-links="${table.id}"]`);
  if (links) links.hidden = true;
  form.hidden = false;
  filter();
}

export function enhanceTables(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-table-controls]')) {
    const table = document.getElementById(form.dataset.tableControls ?? '');
    if (table instanceof HTMLTableElement) enhance(form, table);
  }
}
