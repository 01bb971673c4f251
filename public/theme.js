// Applies the reader's chosen theme before the first paint: a classic script loaded from the
// site itself (allowed by the CSP's script-src 'self'; no inline script). No choice: the OS decides.
(function () {
  try {
    var theme = window.localStorage.getItem('decision-packet-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch {
    // Storage refused (privacy mode): the OS setting applies.
  }
})();
