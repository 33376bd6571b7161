// Progressive enhancement: a block with data-progress-url polls that address (JSON with done, total
// and status) every second, updates its [data-progress-field] figures and <progress>, and reloads the
// page when the work is finished. Without JavaScript the page offers a "Refresh" link instead.
const block = document.querySelector('[data-progress-url]');
if (block) {
  const url = block.getAttribute('data-progress-url');
  const tick = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const progress = await response.json();
        for (const field of block.querySelectorAll('[data-progress-field]')) {
          const value = progress[field.getAttribute('data-progress-field')];
          if (value !== undefined) field.textContent = String(value);
        }
        const bar = block.querySelector('progress');
        if (bar) {
          bar.max = progress.total || 1;
          bar.value = progress.done;
        }
        if (progress.status !== 'running') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // The next tick tries again.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}
