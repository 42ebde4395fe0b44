// Streams: every stream of the wallet's VMs (and any looked up by id) with vested / withdrawn / refundable, a chart
// of the balance left over time, and terminate with confirmation.
import { get, post } from '../api.js';
import { balanceChart } from '../chart.js';
import { confirmDialog, h, setText, setWei, showError, syncRows } from '../dom.js';
import { amount, duration } from '../format.js';

export default {
  title: 'Streams',
  render(el, { context }) {
    const symbol = context.symbol;
    const extra = new Set();
    const message = h('div', { id: 'streams-message', 'aria-live': 'polite', hidden: true });
    const lookup = h('input', { id: 'stream-lookup', inputmode: 'numeric', placeholder: 'e.g. 12', pattern: '\\d+', size: 10, required: true });
    const form = h('form', { class: 'inline' }, h('label', { for: 'stream-lookup' }, 'Show stream id'), lookup,
      h('button', { type: 'submit' }, 'Show'));
    const empty = h('p', { class: 'muted', id: 'streams-empty', hidden: true }, 'No streams: each rented VM has one.');
    const list = h('div', { class: 'cards', id: 'streams-list' });
    el.append(form, message, empty, list);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!lookup.checkValidity()) return;
      extra.add(lookup.value.trim());
      refresh();
    });

    function createCard(s) {
      const id = s.stream_id;
      const f = (label, key, num = true) => [h('dt', {}, label), h('dd', { 'data-field': key, class: num ? 'num' : null })];
      const terminate = h('button', { type: 'button', class: 'danger', 'data-action': 'terminate' }, 'Terminate');
      const card = h('article', { class: 'card stream', id: `stream-${id}`, 'aria-labelledby': `stream-${id}-title` },
        h('header', {}, h('h2', { id: `stream-${id}-title` }, `Stream #${id}`), h('span', { class: 'badge', 'data-field': 'status' })),
        h('div', { class: 'stream-body' },
          h('dl', { class: 'facts' }, f('VM', 'vm', false), f('Rate', 'rate'), f('Deposit', 'deposit'), f('Vested', 'vested'),
            f('Withdrawn', 'withdrawn'), f('Refundable', 'refundable'), f('Remaining', 'remaining'), f('Recipient', 'recipient', false)),
          h('figure', { class: 'chart-box' }, h('div', { 'data-field': 'chart' }),
            h('figcaption', {}, 'Balance left over time (linear vesting from start to stop)'))),
        h('div', { class: 'actions' }, terminate));
      terminate.addEventListener('click', async () => {
        if (!(await confirmDialog(`Terminate stream #${id}?`, 'The provider is paid what vested and the rest comes '
          + 'back to the wallet. A VM paid by this stream stops soon after.', 'Terminate'))) return;
        terminate.disabled = true;
        try {
          const r = await post(`streams/${id}/terminate`);
          message.replaceChildren(h('p', { class: 'ok', id: 'streams-terminate-result' }, `Stream #${id} terminated; refunded `,
            h('span', { title: `${r.refunded_wei} wei` }, amount(r.refunded_wei, symbol)), '.'));
          message.hidden = false;
          await refresh();
        } catch (e) {
          showError(message, e);
        } finally {
          terminate.disabled = false;
        }
      });
      return card;
    }

    function updateCard(card, s) {
      const q = (k) => card.querySelector(`[data-field="${k}"]`);
      const c = s.view?.chain;
      const m = s.view?.computed;
      setText(q('status'), m?.status ?? s.status ?? '—');
      setText(q('vm'), s.name ?? '—');
      if (c) {
        setText(q('rate'), `${amount(BigInt(c.ratePerSecond) * 3600n, symbol)}/h`, `${c.ratePerSecond} wei/s`);
        setWei(q('deposit'), c.deposit, symbol);
        setWei(q('withdrawn'), c.withdrawn, symbol);
        setText(q('recipient'), c.recipient);
      }
      if (m) {
        setWei(q('vested'), m.vested_wei, symbol);
        setWei(q('refundable'), m.refundable_wei, symbol);
        setText(q('remaining'), duration(m.remaining_seconds), `${m.remaining_seconds} s`);
      }
      if (c && Number(c.stopTime) > 0) {
        q('chart').replaceChildren(balanceChart(c, Number(m?.now ?? Date.now() / 1000), symbol));
      }
      const over = ['terminated', 'nonexistent'].includes(m?.status);
      card.querySelector('[data-action="terminate"]').hidden = over;
    }

    async function refresh() {
      try {
        const listed = (await get('streams')).streams ?? [];
        const byId = new Map();
        for (const s of listed) if (s.stream_id != null) byId.set(String(s.stream_id), { ...s });
        for (const id of extra) if (!byId.has(id)) byId.set(id, { stream_id: id });
        const items = await Promise.all([...byId.values()].map(async (s) => {
          try {
            return { ...s, view: await get(`streams/${s.stream_id}`) };
          } catch (e) {
            return { ...s, error: e };
          }
        }));
        syncRows(list, items, (s) => s.stream_id, createCard, updateCard);
        empty.hidden = items.length > 0;
        const failed = items.find((s) => s.error);
        showError(message, failed ? failed.error : null);
      } catch (e) {
        showError(message, e);
      }
    }
    return { refresh };
  },
};
