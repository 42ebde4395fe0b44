// Small DOM helpers: element creation, in-place updates (no layout jumps on refresh), error boxes with hints.
import { amount } from './format.js';

/**
 * Creates an element: h('button', { type: 'button', onclick: f }, 'Text', child...).
 * Attributes starting with "on" become listeners; "class", "text", "hidden" and data-/aria- attributes are set.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Sets text (and title) only when they changed, so refreshes do not disturb selection or layout. */
export function setText(el, text, title) {
  const t = text ?? '—';
  if (el.textContent !== t) el.textContent = t;
  if (title !== undefined) {
    if (title === null) el.removeAttribute('title');
    else if (el.getAttribute('title') !== title) el.setAttribute('title', title);
  }
}

/** Sets an element's text to a wei amount in tokens with the exact wei on hover. */
export function setWei(el, weiValue, symbol) {
  setText(el, amount(weiValue, symbol), weiValue === null || weiValue === undefined ? null : `${weiValue} wei`);
}

/**
 * Keeps a table body's rows in step with items, reusing the row of each key: create(item) builds a row once,
 * update(row, item) refreshes it in place; rows of vanished keys go.
 */
export function syncRows(tbody, items, key, create, update) {
  const existing = new Map([...tbody.children].map((tr) => [tr.dataset.key, tr]));
  let previous = null;
  for (const item of items) {
    const k = String(key(item));
    let tr = existing.get(k);
    if (tr) existing.delete(k);
    else {
      tr = create(item);
      tr.dataset.key = k;
    }
    update(tr, item);
    const expected = previous ? previous.nextSibling : tbody.firstChild;
    if (expected !== tr) tbody.insertBefore(tr, expected);
    previous = tr;
  }
  for (const tr of existing.values()) tr.remove();
}

const HINTS = {
  UNAUTHORIZED: 'Enter the API token again: the content of the data directory\'s api.token.',
  INSUFFICIENT_FUNDS: 'Fund the wallet: on the local dev chain use the faucet on the Wallet page, elsewhere send ETH (and tokens) to its address. Or rent for fewer hours.',
  UNKNOWN_IMAGE: 'Pick one of the images the provider offers (the Image step lists them).',
  PROVIDER_UNREACHABLE: 'The provider did not answer: retry later or pick another provider.',
  DISCOVERY_UNREACHABLE: 'No provider directory answered: retry later, or choose another source on the Providers page.',
  CHAIN_UNAVAILABLE: 'The payments chain did not answer: retry later.',
  NETWORK: 'Check that the requestor service is running, then retry.',
  FAUCET_DISABLED: 'The faucet works on the local dev chain only: send ETH to the wallet\'s address from another wallet.',
  TOKEN_FAUCET_UNAVAILABLE: 'The ETH was funded but the token could not be minted: fund the token from another wallet.',
  VM_EXISTS: 'Choose another name for the VM.',
  VM_NOT_FOUND: 'The VM is gone: refresh the Rentals page.',
  VM_NOT_RUNNING: 'Start the VM first (Rentals page).',
  PROVIDER_NOT_FOUND: 'The provider is no longer listed: pick another one on the Providers page.',
  CONTRACT_MISMATCH: 'This provider takes payments on another contract or token: pick another provider.',
  TOO_MANY_PORTS: 'Forward fewer ports: the provider allows at most its max ports.',
  PROVIDER_REFUSED: 'The provider refused: read its reason above; any deposit taken was refunded.',
  TX_FAILED: 'The transaction reverted: read the reason above, then retry.',
  VALIDATION_ERROR: 'Correct the field named above.',
  INVALID_BODY: 'Correct the field named above.',
  HOST_KEY_MISMATCH: 'The VM\'s SSH host key differs from the one pinned at creation: do not trust this connection.',
  SSH_FAILED: 'The SSH connection failed: retry, or check the VM on the Rentals page.',
  AUTH_TIMEOUT: 'Reconnect.',
  DISCOVERY_NOT_CONFIGURED: 'The service has no such source configured: choose "all".',
};

/** @returns {string|null} what to do about an error code */
export function hint(code) {
  return HINTS[code] ?? null;
}

/** @returns {HTMLElement} an alert box: the error's code and message, and a hint of what to do */
export function errorBox(error) {
  const code = error.code ?? 'ERROR';
  const tip = hint(code);
  return h('div', { class: 'error', role: 'alert', 'data-code': code },
    h('strong', { class: 'code' }, code), ' ', h('span', { class: 'message' }, error.message ?? String(error)),
    tip ? h('p', { class: 'hint' }, tip) : null);
}

/** Replaces the content of a message area with an error box; null clears an error shown there (not other news). */
export function showError(area, error) {
  if (error) {
    area.replaceChildren(errorBox(error));
    area.hidden = false;
  } else if (area.querySelector('.error')) {
    area.replaceChildren();
    area.hidden = true;
  }
}

/** Copies text to the clipboard and says so on the button for a moment. */
export async function copy(button, text) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch (e) {
    button.textContent = 'Copy failed';
  }
  setTimeout(() => { button.textContent = label; }, 1500);
}

/**
 * Asks for confirmation in a modal dialog (keyboard: Tab, Enter, Escape).
 *
 * @returns {Promise<boolean>} true when confirmed
 */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', class: 'danger', id: 'confirm-ok' }, confirmLabel);
    const cancel = h('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title), h('p', {}, text), h('div', { class: 'actions' }, cancel, ok));
    ok.addEventListener('click', () => dialog.close('ok'));
    cancel.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
