// Cycles system → light → dark → system; the choice is stored and applied to <html data-theme>.
const key = 'decision-packet-theme';
const order = ['system', 'light', 'dark'] as const;
type Choice = (typeof order)[number];

function stored(): Choice {
  try {
    const value = window.localStorage.getItem(key);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: Choice, button: HTMLButtonElement): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  button.textContent = `Theme: ${choice}`;
  button.title = 'Switch between the system theme, light and dark';
}

export function enhanceThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  let choice = stored();
  apply(choice, button);
  button.hidden = false;
  button.addEventListener('click', () => {
    choice = order[(order.indexOf(choice) + 1) % order.length]!;
    try {
      if (choice === 'system') window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, choice);
    } catch {
      // Not remembered, still applied for this page.
    }
    apply(choice, button);
  });
}
