// The search page: runs the query in its URL (?q=…&state=…), and filters by what Pagefind knows.
const filterLabels: Record<string, string> = { type: 'Page', state: 'State', kind: 'Kind' };

export async function enhanceSearchPage(base: string): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#search-form')!;
  const input = document.querySelector<HTMLInputElement>('#search-input')!;
  const status = document.querySelector<HTMLElement>('#search-status')!;
  const list = document.querySelector<HTMLOListElement>('#search-results')!;
  const fieldset = document.querySelector<HTMLFieldSetElement>('#search-filters')!;
  const client = await import('./search-client.ts');
  const params = new URLSearchParams(window.location.search);

  const available = await client.searchFilters(base);
  const selects: HTMLSelectElement[] = [];
  for (const name of Object.keys(available).sort()) {
    const values = Object.keys(available[name]!).sort();
    if (values.length === 0) continue;
    const label = document.createElement('label');
    const select = document.createElement('select');
    select.name = name;
    label.append(`${filterLabels[name] ?? name} `, select);
    select.append(new Option('any', ''), ...values.map((value) => new Option(value, value)));
    select.value = values.includes(params.get(name) ?? '') ? params.get(name)! : '';
    select.addEventListener('change', () => {
      form.requestSubmit();
    });
    selects.push(select);
    fieldset.append(label);
  }
  fieldset.hidden = selects.length === 0;

  const run = () => {
    const filters = Object.fromEntries(selects.filter((select) => select.value).map((select) => [select.name, select.value]));
    return client.runSearch(input.value, base, status, list, { filters: Object.keys(filters).length > 0 ? filters : undefined });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: input.value });
    for (const select of selects) if (select.value) next.set(select.name, select.value);
    history.replaceState(null, '', `?${next}`);
    void run();
  });
  const initial = params.get('q');
  if (initial) {
    input.value = initial;
    void run();
  }
}
