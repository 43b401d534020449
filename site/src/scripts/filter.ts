// Client-side table filters (progressive enhancement): the form is hidden in the HTML and shown by
// this script, so without JavaScript the full table is simply there. Each control filters on the
// row attribute data-<name> (space-separated values); a control named `text` matches row text.
// The filter state is kept in the query string, so a filtered view can be linked to.

function applyFilter(form: HTMLFormElement, rows: HTMLTableRowElement[], count: HTMLElement | null): void {
  const data = new FormData(form);
  const wanted = [...data.entries()].filter(([, v]) => typeof v === 'string' && v.trim() !== '') as Array<[string, string]>;
  let shown = 0;
  for (const row of rows) {
    const visible = wanted.every(([name, value]) => {
      if (name === 'text') return (row.textContent ?? '').toLowerCase().includes(value.trim().toLowerCase());
      return (row.dataset[name] ?? '').split(' ').includes(value);
    });
    row.hidden = !visible;
    if (visible) shown++;
  }
  if (count) count.textContent = shown === rows.length ? `Showing all ${rows.length}.` : `Showing ${shown} of ${rows.length}.`;
  const url = new URL(location.href);
  for (const element of form.elements) {
    const name = (element as HTMLInputElement).name;
    if (!name) continue;
    const value = data.get(name);
    if (typeof value === 'string' && value.trim() !== '') url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, '', url);
}

export function initFilters(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-filter]')) {
    const table = document.getElementById(form.dataset.filter ?? '');
    if (!table) continue;
    const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const count = form.querySelector<HTMLElement>('.filter-count');
    const params = new URLSearchParams(location.search);
    for (const element of form.elements) {
      const control = element as HTMLInputElement | HTMLSelectElement;
      const value = control.name ? params.get(control.name) : null;
      if (value !== null) control.value = value;
    }
    form.hidden = false;
    form.addEventListener('input', () => applyFilter(form, rows, count));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      applyFilter(form, rows, count);
    });
    form.addEventListener('reset', () => setTimeout(() => applyFilter(form, rows, count)));
    applyFilter(form, rows, count);
  }
}
