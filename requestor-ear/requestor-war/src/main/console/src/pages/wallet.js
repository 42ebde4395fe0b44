// Wallet: address, ETH and token balance, the dev-chain faucet, the deployment in use.
import { get, post } from '../api.js';
import { copy, h, setText, setWei, showError } from '../dom.js';
import { amount } from '../format.js';

export default {
  title: 'Wallet',
  render(el, { context }) {
    const info = context.info;
    const symbol = context.symbol;
    const field = (label, id, value) => [h('dt', {}, label), h('dd', { id }, value ?? '—')];
    const address = h('code', { id: 'wallet-address' }, '…');
    const copyButton = h('button', { type: 'button', class: 'quiet', 'aria-label': 'Copy the wallet address' }, 'Copy');
    const balance = h('span', { id: 'wallet-balance', class: 'num' }, '…');
    const tokenBalance = h('span', { id: 'wallet-token-balance', class: 'num' }, '…');
    const message = h('div', { id: 'wallet-message', 'aria-live': 'polite', hidden: true });
    const faucet = h('button', { type: 'button', id: 'faucet' }, 'Fund from the faucet');
    const native = !info.token_address || /^0x0{40}$/i.test(info.token_address);

    el.append(
      h('section', { class: 'panel', 'aria-labelledby': 'wallet-h' },
        h('h2', { id: 'wallet-h' }, 'Balance'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Address'), h('dd', {}, address, ' ', copyButton),
          h('dt', {}, 'ETH'), h('dd', {}, balance),
          native ? null : [h('dt', {}, `Token (${symbol})`), h('dd', {}, tokenBalance)]),
        h('p', {}, faucet, ' ', h('span', { class: 'muted' }, 'On the local dev chain: 100 ETH (and 100 test tokens).')),
        message),
      h('section', { class: 'panel', 'aria-labelledby': 'deployment-h' },
        h('h2', { id: 'deployment-h' }, 'Deployment'),
        h('dl', { class: 'facts' },
          field('Network', 'info-network', info.network),
          field('Payments network', 'info-payments-network', info.payments_network),
          field('Chain id', 'info-chain-id', info.chain_id),
          field('RPC', 'info-rpc', info.rpc_url),
          field('StreamPayment', 'info-contract', info.stream_payment_address),
          field('Token', 'info-token', native ? `native (${symbol})` : `${info.token_address} (${symbol})`),
          field('Discovery', 'info-discovery', info.discovery_url),
          field('Data directory', 'info-data-dir', info.data_dir),
          field('SSH key', 'info-ssh-key', info.ssh_private_key_file),
          field('Version', 'info-version', info.version))));

    copyButton.addEventListener('click', () => copy(copyButton, address.textContent));
    faucet.addEventListener('click', async () => {
      faucet.disabled = true;
      try {
        const r = await post('wallet/faucet');
        message.replaceChildren(h('p', { class: 'ok' }, `Funded ${amount(r.funded_wei, 'ETH')}`
          + (r.funded_token_wei == null ? '' : ` and ${amount(r.funded_token_wei, symbol)}`) + '.'));
        message.hidden = false;
        await refresh();
      } catch (e) {
        showError(message, e);
      } finally {
        faucet.disabled = false;
      }
    });

    async function refresh() {
      try {
        const w = await get('wallet');
        setText(address, w.address);
        setWei(balance, w.balance_wei, 'ETH');
        setWei(tokenBalance, w.token_balance_wei, symbol);
      } catch (e) {
        showError(message, e);
      }
    }
    return { refresh };
  },
};
