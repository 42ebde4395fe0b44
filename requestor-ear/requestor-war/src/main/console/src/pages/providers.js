// Providers: the directory from every discovery source, filtered and sorted, with the estimate for the chosen size.
import { get } from '../api.js';
import { h, setText, showError, syncRows } from '../dom.js';
import { age, tokens, usd } from '../format.js';

export const CPUS = [1, 2, 4, 8, 16];
export const MEMORIES = [1, 2, 4, 8, 16, 32, 64];

/** A labelled select of numbers. */
export function numberSelect(id, label, values, selected) {
  const select = h('select', { id, name: id },
    values.map((v) => h('option', { value: v, selected: String(v) === String(selected) }, v)));
  return [h('label', { for: id }, label), select];
}

const SORTS = {
  price: (a, b) => Number(a.estimate?.usd_per_month ?? Infinity) - Number(b.estimate?.usd_per_month ?? Infinity),
  cpu: (a, b) => (b.resources?.cpu ?? 0) - (a.resources?.cpu ?? 0),
  memory: (a, b) => (b.resources?.memory ?? 0) - (a.resources?.memory ?? 0),
  updated: (a, b) => Date.parse(b.updated_at ?? 0) - Date.parse(a.updated_at ?? 0),
};

export default {
  title: 'Providers',
  render(el, { params, context }) {
    const symbol = context.symbol;
    const input = (id, label, attrs = {}) => [h('label', { for: id }, label),
      h('input', { id, name: id, value: params.get(id) ?? '', ...attrs })];
    const select = (id, label, options) => [h('label', { for: id }, label),
      h('select', { id, name: id }, options.map(([v, t]) => h('option', { value: v, selected: params.get(id) === v }, t)))];
    const form = h('form', { class: 'filters', id: 'providers-filters' },
      h('div', { class: 'field' }, numberSelect('cpu', 'CPU cores', CPUS, params.get('cpu') ?? 1)),
      h('div', { class: 'field' }, numberSelect('memory', 'Memory (GB)', MEMORIES, params.get('memory') ?? 1)),
      h('div', { class: 'field' }, input('storage', 'Disk (GB)', { type: 'number', min: 10, value: params.get('storage') ?? 10, required: true })),
      h('div', { class: 'field' }, input('country', 'Country', { maxlength: 2, size: 4, placeholder: 'any' })),
      h('div', { class: 'field' }, input('platform', 'Platform', { size: 8, placeholder: 'any' })),
      h('div', { class: 'field' }, input('max-usd', 'Max $/month', { type: 'number', min: 0, step: 'any', placeholder: 'any' })),
      h('div', { class: 'field' }, input('image', 'Image', { size: 10, placeholder: 'any' })),
      h('div', { class: 'field' }, select('egress', 'Egress', [['', 'any'], ['open', 'open'], ['none', 'none'], ['allow-list', 'allow-list']])),
      h('div', { class: 'field' }, select('source', 'Source', [['all', 'all'], ['central', 'central'], ['chain', 'chain']])),
      h('div', { class: 'field' }, select('sort', 'Sort by', [['price', 'price'], ['cpu', 'CPU'], ['memory', 'memory'], ['updated', 'newest']])),
      h('div', { class: 'field' }, h('button', { type: 'submit', id: 'providers-search' }, 'Search')));
    const message = h('div', { id: 'providers-message', hidden: true });
    const summary = h('p', { id: 'providers-summary', class: 'muted', 'aria-live': 'polite' }, 'Loading…');
    const tbody = h('tbody', { id: 'providers-rows' });
    const headers = ['Name', 'Provider', 'Country', 'Platform', 'CPU', 'RAM GB', 'Disk GB', 'Images', 'Egress',
      'Source', 'Est. $/mo', 'Est. $/h', `Est. ${symbol}/mo`, 'Updated', ''];
    const numeric = new Set([4, 5, 6, 10, 11, 12]);
    el.append(form, message, summary, h('div', { class: 'table-wrap' },
      h('table', { class: 'grid providers' },
        h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : null }, t)))),
        tbody)));

    const value = (id) => form.querySelector(`#${id}`).value.trim();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      refresh();
    });
    form.addEventListener('change', (event) => {
      if (event.target.id === 'sort' || event.target.id === 'max-usd' || event.target.id === 'image') refresh();
    });

    function createRow() {
      const cells = headers.map((_, i) => h('td', { class: numeric.has(i) ? 'num' : null }));
      const rent = h('a', { class: 'button small' }, 'Rent');
      cells[cells.length - 1].append(rent);
      return h('tr', {}, cells);
    }

    function updateRow(tr, p) {
      const c = tr.children;
      const e = p.estimate;
      setText(c[0], p.provider_name);
      setText(c[1], `${p.provider_id.slice(0, 8)}…${p.provider_id.slice(-4)}`, p.provider_id);
      setText(c[2], p.country);
      setText(c[3], p.platform);
      setText(c[4], String(p.resources?.cpu ?? '—'));
      setText(c[5], String(p.resources?.memory ?? '—'));
      setText(c[6], String(p.resources?.storage ?? '—'));
      setText(c[7], (p.images ?? []).map((i) => i.name).join(', ') || '—');
      setText(c[8], p.egress?.policy ?? '—');
      setText(c[9], p.source ?? '—');
      setText(c[10], e ? `~${usd(e.usd_per_month)}` : '—');
      setText(c[11], e ? `~${usd(e.usd_per_hour)}` : '—');
      setText(c[12], e?.token_per_month != null ? `~${tokens(e.token_per_month, symbol)}` : '—',
        e?.rate_per_second_wei != null ? `${e.rate_per_second_wei} wei/s` : null);
      setText(c[13], age(p.updated_at), p.updated_at ?? null);
      const link = c[14].firstChild;
      const q = new URLSearchParams({ provider: p.provider_id, cpu: value('cpu'), memory: value('memory'), storage: value('storage') });
      link.setAttribute('href', `#/rent?${q}`);
      link.setAttribute('aria-label', `Rent from ${p.provider_name} (${p.provider_id})`);
    }

    async function refresh() {
      const q = new URLSearchParams({ cpu: value('cpu'), memory: value('memory'), storage: value('storage') || '10' });
      for (const [k, id] of [['country', 'country'], ['platform', 'platform'], ['egress', 'egress'], ['discovery', 'source']]) {
        if (value(id)) q.set(k, value(id));
      }
      try {
        const list = (await get(`providers?${q}`)).providers ?? [];
        const cap = value('max-usd') === '' ? null : Number(value('max-usd'));
        const image = value('image');
        const shown = list
          .filter((p) => cap === null || (p.estimate?.usd_per_month != null && Number(p.estimate.usd_per_month) <= cap))
          .filter((p) => !image || (p.images ?? []).some((i) => i.name === image))
          .sort(SORTS[value('sort')] ?? SORTS.price);
        syncRows(tbody, shown, (p) => p.provider_id.toLowerCase(), createRow, updateRow);
        setText(summary, `${shown.length} of ${list.length} providers; estimates for ${value('cpu')} CPU, `
          + `${value('memory')} GB RAM, ${value('storage')} GB disk`);
        showError(message, null);
      } catch (e) {
        showError(message, e);
      }
    }
    return { refresh };
  },
};
