// The console's shell: the token form, the hash router (#/wallet, #/providers, #/rent, #/rentals, #/streams,
// #/terminal/<vm>), the refresh every few seconds and the runway countdowns ticking every second.
import { ApiError, forgetToken, get, onUnauthorized, setToken, token } from './api.js';
import { h, showError } from './dom.js';
import { duration } from './format.js';
import wallet from './pages/wallet.js';
import providers from './pages/providers.js';
import rent from './pages/rent.js';
import rentals from './pages/rentals.js';
import streams from './pages/streams.js';
import terminal from './pages/terminal.js';

const PAGES = { wallet, providers, rent, rentals, streams, terminal };
const REFRESH_MS = 5000;

/** What every page may read: the service's info (token symbol, paths) once the token is accepted. */
export const context = { info: null, symbol: 'ETH' };

const main = document.getElementById('main');
const login = document.getElementById('login');
const loginError = document.getElementById('login-error');
const forget = document.getElementById('forget-token');
let current = null;
let refreshing = false;

function showLogin(error) {
  if (current?.dispose) current.dispose();
  current = null;
  main.hidden = true;
  main.replaceChildren();
  forget.hidden = true;
  login.hidden = false;
  showError(loginError, error ?? null);
  document.getElementById('token-input').focus();
}

onUnauthorized((error) => {
  forgetToken();
  showLogin(error);
});

async function start() {
  try {
    context.info = await get('info');
    context.symbol = context.info.token_symbol || 'ETH';
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // the token form is back
    login.hidden = true;
    main.hidden = false;
    showError(main, e);
    return;
  }
  login.hidden = true;
  forget.hidden = false;
  main.hidden = false;
  route();
}

function parseHash() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  return { name: PAGES[name] ? name : 'wallet', arg: rest.map(decodeURIComponent).join('/'),
    params: new URLSearchParams(query ?? '') };
}

function route() {
  if (!token() || !context.info) return;
  const { name, arg, params } = parseHash();
  if (current?.dispose) current.dispose();
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#/${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const page = PAGES[name];
  document.title = `${page.title} · Golem requestor console`;
  const heading = h('h1', { id: 'page-title', tabindex: '-1' }, page.title);
  const body = h('div', { class: 'page', id: `page-${name}` });
  main.replaceChildren(heading, body);
  current = page.render(body, { arg, params, context }) ?? {};
  current.name = name;
  heading.focus({ preventScroll: true });
  refresh();
}

async function refresh() {
  if (!current?.refresh || refreshing || document.hidden) return;
  refreshing = true;
  try {
    await current.refresh();
  } finally {
    refreshing = false;
  }
}

function tick() {
  const now = Date.now() / 1000;
  for (const el of document.querySelectorAll('[data-until]')) {
    const left = Math.max(0, Math.round(Number(el.dataset.until) - now));
    const text = duration(left);
    if (el.textContent !== text) el.textContent = text;
    el.dataset.seconds = String(left);
  }
}

document.getElementById('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input');
  const value = input.value.trim();
  if (!value) return;
  setToken(value);
  input.value = '';
  showError(loginError, null);
  start();
});

forget.addEventListener('click', () => {
  forgetToken();
  context.info = null;
  showLogin(null);
});

window.addEventListener('hashchange', route);
// a link to the page shown (the Rent tab after a rental, "Start again") opens it afresh: no hashchange fires then
document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href^="#/"]');
  if (a && a.getAttribute('href') === location.hash && !event.defaultPrevented) {
    event.preventDefault();
    route();
  }
});
setInterval(refresh, REFRESH_MS);
setInterval(tick, 1000);

if (token()) start();
else showLogin(null);
