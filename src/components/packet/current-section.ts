// Marks the "On this page" link of the section being read: the last section whose heading has
// scrolled near the top of the window (a quarter of it, at most 160 px: short sections too).
export function markCurrentSection(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.on-this-page a[href^="#"]')];
  const targets = links
    .map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))))
    .filter((target): target is HTMLElement => target !== null);
  if (targets.length === 0) return;
  let frame = 0;
  const update = () => {
    frame = 0;
    const line = Math.min(window.innerHeight / 4, 160);
    let current = 0;
    targets.forEach((target, index) => {
      if (target.getBoundingClientRect().top <= line) current = index;
    });
    links.forEach((link, index) => {
      if (index === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    });
  };
  const schedule = () => {
    if (!frame) frame = window.requestAnimationFrame(update);
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  window.addEventListener('hashchange', schedule);
  update();
}
