// Numbers as the golem CLI prints them (cli/.../support/Formats.java): durations "45s", "5m 03s", "1h 02m", "3d 4h";
// token amounts from wei with 6 significant digits ("0.00123 ETH"); USD "$22.00" or 4 significant digits below $1.

const WEI_DECIMALS = 18;
export const SECONDS_PER_MONTH = 730n * 3600n;

const pad = (v) => (v < 10 ? `0${v}` : `${v}`);

/** @returns {string} a duration in seconds (negative counts as 0) as the CLI shows it */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds)));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** @returns {bigint|null} a wei amount from a JSON value (number, BigInt or decimal string), null when absent */
export function wei(v) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null;
  try {
    return BigInt(String(v).trim());
  } catch (e) {
    return null;
  }
}

/** A decimal as unscaled integer and scale: value = unscaled × 10^-scale. */
function decimal(v) {
  if (typeof v === 'bigint') return { u: v, s: 0 };
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(String(v).trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  let u = BigInt(`${m[2] || '0'}${frac}`);
  let s = frac.length - Number(m[4] ?? 0);
  if (s < 0) {
    u *= 10n ** BigInt(-s);
    s = 0;
  }
  return { u: m[1] === '-' ? -u : u, s };
}

/** Rounds |u|×10^-s half up to newScale (newScale < s). */
function rescale(u, s, newScale) {
  const drop = 10n ** BigInt(s - newScale);
  let q = u / drop;
  if ((u % drop) * 2n >= drop) q += 1n;
  return q;
}

function plain(u, s) {
  let t = u.toString();
  if (s <= 0) return t + '0'.repeat(-s);
  t = t.padStart(s + 1, '0');
  return `${t.slice(0, t.length - s)}.${t.slice(t.length - s)}`;
}

function stripZeros(t) {
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
}

/** 6 significant digits (never fewer than the integer part), no exponent, no trailing zeros. */
function significant(u, s, digits) {
  if (u === 0n) return '0';
  const precision = u.toString().length;
  const sig = Math.max(digits, precision - s);
  if (precision > sig) {
    const newScale = s - (precision - sig);
    return stripZeros(plain(rescale(u, s, newScale), newScale));
  }
  return stripZeros(plain(u, s));
}

const withSymbol = (text, symbol) => (symbol ? `${text} ${symbol}` : text);

/** @returns {string} wei as whole tokens ("0.00123 ETH"), "—" for null */
export function amount(weiValue, symbol) {
  const w = wei(weiValue);
  if (w === null) return '—';
  const neg = w < 0n;
  return withSymbol((neg ? '-' : '') + significant(neg ? -w : w, WEI_DECIMALS, 6), symbol);
}

/** @returns {string} an amount already in whole tokens (e.g. token_per_month), rounded like amount() */
export function tokens(whole, symbol) {
  const d = whole === null || whole === undefined ? null : decimal(whole);
  if (d === null) return '—';
  const neg = d.u < 0n;
  return withSymbol((neg ? '-' : '') + significant(neg ? -d.u : d.u, d.s, 6), symbol);
}

/** @returns {string} "$22.00", "$0.10", "$0.03014" or "—" */
export function usd(value) {
  const d = value === null || value === undefined ? null : decimal(value);
  if (d === null) return '—';
  const neg = d.u < 0n;
  const u = neg ? -d.u : d.u;
  const sign = neg ? '-' : '';
  const one = 10n ** BigInt(d.s);
  if (u >= one || u === 0n) {
    return `$${sign}${d.s > 2 ? plain(rescale(u, d.s, 2), 2) : plain(u * 10n ** BigInt(2 - d.s), 2)}`;
  }
  let t = significant(u, d.s, 4);
  const decimals = t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
  if (decimals < 2) t = Number(t).toFixed(2);
  return `$${sign}${t}`;
}

/** @returns {string} USD × a whole multiplier (e.g. usd_per_hour × hours), exact on decimals */
export function usdTimes(value, times) {
  const d = value === null || value === undefined ? null : decimal(value);
  if (d === null) return '—';
  return usd(plain(d.u * BigInt(times), d.s));
}

/** @returns {string} "2025-09-12 10:04:00 UTC" from Unix seconds or an ISO-8601 text; "—" when absent */
export function time(value) {
  if (value === null || value === undefined || value === '') return '—';
  const ms = typeof value === 'string' && !/^\d+$/.test(value) ? Date.parse(value) : Number(value) * 1000;
  if (Number.isNaN(ms)) return String(value);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
}

/** @returns {string} "2m 10s ago", "just now" or "—" */
export function age(iso, nowMs = Date.now()) {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '—';
  const s = Math.floor((nowMs - t) / 1000);
  return s <= 0 ? 'just now' : `${duration(s)} ago`;
}

/** @returns {string} "2 CPU, 4 GB RAM, 20 GB disk" */
export function resources(r) {
  if (!r) return '—';
  return `${r.cpu} CPU, ${r.memory} GB RAM, ${r.storage} GB disk`;
}

/**
 * Parses a top-up duration: "90s", "30m", "6h", "2d" (or several, "1h 30m"); a bare number is hours.
 *
 * @returns {number|null} seconds, null when the text is not a duration
 */
export function parseDuration(text) {
  const t = String(text ?? '').trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t) * 3600;
  const parts = t.split(/\s+/);
  let total = 0;
  for (const p of parts) {
    const m = /^(\d+)([smhd])$/.exec(p);
    if (!m) return null;
    total += Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
  }
  return total > 0 ? total : null;
}
