// A link to something inside a folded <details> (a state, one of its fields, a folded PRD
// section) opens every <details> around it and scrolls to it: on load and on every in-page link.
function reveal(scroll: boolean): void {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  let opened = false;
  for (let node: HTMLElement | null = target; node; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement && !node.open) {
      node.open = true;
      opened = true;
    }
  }
  if (opened || scroll) target.scrollIntoView({ block: 'start' });
}

export function openLinkedDetails(): void {
  reveal(false);
  window.addEventListener('hashchange', () => {
    reveal(true);
  });
}

/** Printing shows every folded state and section; afterwards they fold again. */
export function openDetailsForPrint(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('main details:not([open])')];
    for (const details of opened) details.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
