// The balance left in a stream over time, drawn as inline SVG from the stream's chain terms: the deposit vests
// linearly from startTime to stopTime, so the balance left falls from the deposit to 0; a marker shows now.
import { amount, time } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 120;
const PAD = { left: 8, right: 8, top: 16, bottom: 22 };

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * @param {object} chain the stream's chain terms (startTime, stopTime, deposit, ratePerSecond, withdrawn)
 * @param {number} now chain time, Unix seconds
 * @param {string} symbol token symbol
 * @returns {SVGSVGElement} the chart, with a text alternative
 */
export function balanceChart(chain, now, symbol) {
  const start = Number(chain.startTime);
  const stop = Number(chain.stopTime);
  const deposit = BigInt(chain.deposit ?? 0);
  const span = Math.max(1, stop - start);
  const left = (t) => {
    const vested = BigInt(Math.max(0, Math.min(span, t - start))) * BigInt(chain.ratePerSecond ?? 0);
    return deposit > vested ? deposit - vested : 0n;
  };
  const x = (t) => PAD.left + ((t - start) / span) * (W - PAD.left - PAD.right);
  const y = (w) => PAD.top + (1 - (deposit === 0n ? 0 : Number((w * 10000n) / deposit) / 10000)) * (H - PAD.top - PAD.bottom);
  const nowClamped = Math.max(start, Math.min(stop, now));
  const leftNow = left(nowClamped);
  const label = `Balance left: ${amount(leftNow, symbol)} of ${amount(deposit, symbol)}, from ${time(start)} to ${time(stop)}`;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label });
  root.append(svg('title', {}, label));
  const base = H - PAD.bottom;
  root.append(svg('line', { x1: PAD.left, y1: base, x2: W - PAD.right, y2: base, class: 'axis' }));
  root.append(svg('polygon', { points: `${x(start)},${base} ${x(start)},${y(deposit)} ${x(stop)},${y(0n)}`, class: 'area' }));
  root.append(svg('polyline', { points: `${x(start)},${y(deposit)} ${x(stop)},${y(0n)}`, class: 'line' }));
  root.append(svg('line', { x1: x(nowClamped), y1: PAD.top - 6, x2: x(nowClamped), y2: base, class: 'now' }));
  root.append(svg('circle', { cx: x(nowClamped), cy: y(leftNow), r: 3, class: 'dot' }));
  root.append(svg('text', { x: PAD.left + 6, y: 11, class: 'label' }, `deposit ${amount(deposit, symbol)}`));
  root.append(svg('text', { x: PAD.left, y: H - 6, class: 'label' }, time(start).slice(5, 16)));
  root.append(svg('text', { x: W - PAD.right, y: H - 6, class: 'label end' }, time(stop).slice(5, 16)));
  root.append(svg('text', { x: Math.min(W - 90, x(nowClamped) + 6), y: base - 6, class: 'label now-label' },
    `now: ${amount(leftNow, symbol)}`));
  return root;
}
