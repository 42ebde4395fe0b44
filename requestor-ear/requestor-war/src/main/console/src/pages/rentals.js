// Rentals: every VM with its state, provider, SSH command, ports, runway countdown and auto top-up; stop, start,
// destroy (the refund shown) and top up by a duration (30m, 6h, 2d).
import { api, del, get, post } from '../api.js';
import { confirmDialog, copy, h, setText, showError, syncRows } from '../dom.js';
import { amount, duration, parseDuration, time } from '../format.js';

export default {
  title: 'Rentals',
  render(el, { context }) {
    const symbol = context.symbol;
    const keyFile = context.info.ssh_private_key_file;
    const message = h('div', { id: 'rentals-message', 'aria-live': 'polite', hidden: true });
    const empty = h('p', { id: 'rentals-empty', class: 'muted', hidden: true }, 'No VMs yet. ',
      h('a', { href: '#/rent' }, 'Rent one'), '.');
    const list = h('div', { class: 'cards', id: 'rentals-list' });
    el.append(message, empty, list);

    function say(node) {
      message.replaceChildren(node);
      message.hidden = false;
    }

    async function act(button, work) {
      button.disabled = true;
      try {
        await work();
        await refresh();
      } catch (e) {
        showError(message, e);
      } finally {
        button.disabled = false;
      }
    }

    function sshCommand(vm) {
      if (!vm.ssh_host || !vm.ssh_port) return null;
      return `ssh -i ${keyFile} -p ${vm.ssh_port} ${vm.ssh_user ?? 'root'}@${vm.ssh_host}`;
    }

    function createCard(vm) {
      const n = vm.name;
      const id = (s) => `vm-${n}-${s}`;
      const dd = (s, cls) => h('dd', { id: id(s), class: cls ?? null });
      const stop = h('button', { type: 'button', class: 'quiet', 'data-action': 'stop' }, 'Stop');
      const start = h('button', { type: 'button', class: 'quiet', 'data-action': 'start' }, 'Start');
      const destroy = h('button', { type: 'button', class: 'danger', 'data-action': 'destroy' }, 'Destroy');
      const terminal = h('a', { class: 'button small', href: `#/terminal/${encodeURIComponent(n)}`, 'data-action': 'terminal' }, 'Terminal');
      const copyButton = h('button', { type: 'button', class: 'quiet small', 'aria-label': `Copy the SSH command of ${n}` }, 'Copy');
      const topUpInput = h('input', { id: id('topup-duration'), size: 6, value: '1h', spellcheck: 'false',
        'aria-describedby': id('topup-help') });
      const topUp = h('form', { class: 'inline', 'data-action': 'topup' },
        h('label', { for: id('topup-duration') }, 'Top up by'), topUpInput,
        h('button', { type: 'submit' }, 'Top up'),
        h('small', { id: id('topup-help') }, '90s, 30m, 6h, 2d'));
      const card = h('article', { class: 'card vm', 'aria-labelledby': id('title'), id: `vm-${n}` },
        h('header', {}, h('h2', { id: id('title') }, n), h('span', { class: 'badge', id: id('status') })),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Provider'), dd('provider'),
          h('dt', {}, 'Size'), dd('size'),
          h('dt', {}, 'SSH'), h('dd', {}, h('code', { id: id('ssh') }), ' ', copyButton),
          h('dt', {}, 'Ports'), dd('ports'),
          h('dt', {}, 'Runway'), h('dd', {}, h('span', { id: id('runway'), class: 'num countdown' }), ' ',
            h('span', { id: id('paid-until'), class: 'muted' })),
          h('dt', {}, 'Stream'), dd('stream'),
          h('dt', {}, 'Auto top-up'), dd('topup-state'),
          h('dt', {}, 'Created'), dd('created')),
        h('div', { class: 'actions' }, terminal, stop, start, topUp, destroy));

      copyButton.addEventListener('click', () => copy(copyButton, card.querySelector(`#${CSS.escape(id('ssh'))}`).textContent));
      stop.addEventListener('click', () => act(stop, () => post(`vms/${encodeURIComponent(n)}/stop`)));
      start.addEventListener('click', () => act(start, () => post(`vms/${encodeURIComponent(n)}/start`)));
      topUp.addEventListener('submit', (event) => {
        event.preventDefault();
        const seconds = parseDuration(topUpInput.value);
        const stream = card.dataset.stream;
        if (seconds === null || seconds > 31536000) {
          showError(message, { code: 'VALIDATION_ERROR', message: `"${topUpInput.value}" is not a duration of 1 s to 365 days (e.g. 30m, 6h, 2d)` });
          return;
        }
        if (!stream) {
          showError(message, { code: 'STREAM_NOT_FOUND', message: `${n} has no stream to top up` });
          return;
        }
        act(topUp.querySelector('button'), async () => {
          const r = await api('POST', `streams/${stream}/topup`, { seconds });
          say(h('p', { class: 'ok', id: 'rentals-topup-result', 'data-stop-time': r.stop_time ?? '' },
            `Topped up ${n} by ${duration(seconds)}: `, h('span', { title: `${r.topped_up_wei} wei` }, amount(r.topped_up_wei, symbol)),
            r.stop_time ? `, paid until ${time(r.stop_time)}.` : '.'));
        });
      });
      destroy.addEventListener('click', async () => {
        if (!(await confirmDialog(`Destroy ${n}?`, 'The VM and its disk are deleted on the provider and the stream is '
          + 'terminated: the provider keeps what vested, the rest comes back to the wallet.', 'Destroy'))) return;
        act(destroy, async () => {
          const r = await del(`vms/${encodeURIComponent(n)}`);
          const refunded = r.refunded_wei;
          say(h('p', { class: 'ok', id: 'rentals-destroy-result', 'data-refunded-wei': refunded ?? '' },
            `Destroyed ${n}. Refunded `, h('span', { id: 'rentals-refund', title: refunded == null ? null : `${refunded} wei` },
              refunded == null ? 'nothing (no stream was terminated)' : amount(refunded, symbol)),
            r.refund_tx ? ` (transaction ${r.refund_tx})` : '', '.'));
        });
      });
      return card;
    }

    function updateCard(card, vm) {
      const n = vm.name;
      const q = (s) => card.querySelector(`#${CSS.escape(`vm-${n}-${s}`)}`);
      const running = vm.status === 'running';
      setText(q('status'), vm.status);
      q('status').dataset.status = vm.status;
      setText(q('provider'), vm.provider_id ?? '—', vm.provider_url ?? null);
      setText(q('size'), `${vm.resources?.cpu} CPU, ${vm.resources?.memory} GB RAM, ${vm.resources?.storage} GB disk`);
      setText(q('ssh'), sshCommand(vm) ?? '—', vm.ssh_host_key_fingerprint ? `host key ${vm.ssh_host_key_fingerprint}` : null);
      setText(q('ports'), (vm.ports ?? []).map((p) => `${p.guest_port} → ${vm.ssh_host}:${p.host_port}`).join(', ') || 'SSH only');
      const stream = vm.stream;
      const remaining = stream?.computed?.remaining_seconds;
      const runway = q('runway');
      if (remaining != null) {
        const until = Date.now() / 1000 + Number(remaining);
        if (!runway.dataset.until || Math.abs(Number(runway.dataset.until) - until) > 1.5) {
          runway.dataset.until = String(until);
          runway.dataset.seconds = String(remaining);
          setText(runway, duration(Number(remaining)));
        }
        setText(q('paid-until'), stream.chain?.stopTime ? `until ${time(stream.chain.stopTime)}` : '');
        card.querySelector('.actions [data-action="topup"]').hidden = false;
      } else {
        delete runway.dataset.until;
        setText(runway, '—');
        setText(q('paid-until'), '');
      }
      card.dataset.stream = vm.stream_id == null ? '' : String(vm.stream_id);
      setText(q('stream'), vm.stream_id == null ? '—'
        : `#${vm.stream_id} ${stream?.computed?.status ?? ''}`.trim());
      const t = vm.top_up;
      setText(q('topup-state'), t ? `target runway ${duration(t.target_runway_seconds)}, ${t.affordable ? 'affordable' : 'cannot afford'}`
        + `${t.message ? `: ${t.message}` : ''}` : '—');
      q('topup-state').dataset.affordable = t ? String(t.affordable) : '';
      setText(q('created'), time(vm.created_at));
      card.querySelector('[data-action="stop"]').hidden = !running;
      card.querySelector('[data-action="start"]').hidden = vm.status !== 'stopped';
      card.querySelector('[data-action="terminal"]').hidden = !running;
    }

    async function refresh() {
      try {
        const vms = (await get('vms')).vms ?? [];
        const details = await Promise.all(vms.map((vm) => get(`vms/${encodeURIComponent(vm.name)}`).catch(() => vm)));
        syncRows(list, details, (vm) => vm.name, createCard, updateCard);
        empty.hidden = details.length > 0;
      } catch (e) {
        showError(message, e);
      }
    }
    return { refresh };
  },
};
