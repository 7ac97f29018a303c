// The portal's one script: "Copy link" buttons put their data-copy text on the clipboard.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const text = button.getAttribute('data-copy');
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard outside a secure context: select the link so a long press or Ctrl+C copies it.
    const shown = button.closest('section')?.querySelector('[data-testid="referral-link"]');
    if (shown) window.getSelection()?.selectAllChildren(shown);
  }
  button.textContent = 'Copied';
  button.setAttribute('data-copied', 'true');
});
