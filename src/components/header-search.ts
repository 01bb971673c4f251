// The header search: keyboard shortcuts, live results under the box, Escape to close. The
// Pagefind client itself is imported on demand (search-client.ts: a chunk of its own).
export function enhanceHeaderSearch(base: string): void {
  const form = document.querySelector<HTMLFormElement>('[data-header-search]');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const panel = form?.querySelector<HTMLElement>('.search-panel');
  const status = panel?.querySelector<HTMLElement>('.search-panel-status');
  const list = panel?.querySelector<HTMLOListElement>('.search-results');
  if (!form || !input || !panel || !status || !list) return;

  document.addEventListener('keydown', (event) => {
    const typing =
      event.target instanceof HTMLElement && (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    const shortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey);
    if (shortcut || (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  let sequence = 0;
  const run = async () => {
    const query = input.value;
    const mine = ++sequence;
    panel.hidden = query.trim() === '';
    if (panel.hidden) return;
    const { runSearch } = await import('./search-client.ts');
    if (mine !== sequence) return;
    await runSearch(query, base, status, list, { limit: 8, isCurrent: () => mine === sequence });
  };
  let timer = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      panel.hidden = true;
      input.blur();
    }
  });
  form.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node) || !form.contains(event.relatedTarget)) window.setTimeout(() => (panel.hidden = true), 150);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && list.childElementCount > 0) panel.hidden = false;
  });
}
