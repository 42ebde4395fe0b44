// The console prints numbers as the golem CLI does: the cases of cli's FormatsTest, plus the console's own parsing
// (top-up durations, exact wei from JSON). Run by requestor-war's build (node --test), skipped with -DskipTests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { age, amount, duration, parseDuration, time, tokens, usd, usdTimes, wei } from '../src/format.js';
import { parseJson } from '../src/api.js';

test('durations as the CLI prints them', () => {
  const cases = [[0, '0s'], [-5, '0s'], [45, '45s'], [60, '1m 00s'], [125, '2m 05s'], [3599, '59m 59s'],
    [3600, '1h 00m'], [3725, '1h 02m'], [86399, '23h 59m'], [86400, '1d 0h'], [3 * 86400 + 4 * 3600 + 59 * 60, '3d 4h']];
  for (const [s, text] of cases) assert.equal(duration(s), text, String(s));
});

test('token amounts from wei: 6 significant digits, never fewer than the integer part', () => {
  assert.equal(amount(1230000000000000n, 'ETH'), '0.00123 ETH');
  assert.equal(amount('1500000000000000000', 'ETH'), '1.5 ETH');
  assert.equal(amount(0, 'ETH'), '0 ETH');
  assert.equal(amount(100000000000000000000n, 'GLM'), '100 GLM');
  assert.equal(amount(1n, 'ETH'), '0.000000000000000001 ETH');
  assert.equal(amount(123456789012345678901n, 'ETH'), '123.457 ETH');
  assert.equal(amount(1234567890000000000000000n, 'ETH'), '1234568 ETH');
  assert.equal(amount(null, 'ETH'), '—');
  assert.equal(tokens('0.0088', 'ETH'), '0.0088 ETH');
  assert.equal(tokens(0.00012345678, 'ETH'), '0.000123457 ETH');
});

test('USD: 2 decimals, 4 significant digits below a dollar', () => {
  assert.equal(usd('22.0'), '$22.00');
  assert.equal(usd(1), '$1.00');
  assert.equal(usd('0.030137'), '$0.03014');
  assert.equal(usd(0), '$0.00');
  assert.equal(usd(0.1), '$0.10');
  assert.equal(usd('0.5'), '$0.50');
  assert.equal(usd(8.0), '$8.00');
  assert.equal(usd(null), '—');
  assert.equal(usdTimes('0.010958904', 3), '$0.03288');
});

test('times and ages', () => {
  const now = Date.parse('2025-09-12T10:05:00Z');
  assert.equal(age('2025-09-12T10:04:00Z', now), '1m 00s ago');
  assert.equal(age('2025-09-09T06:00:00Z', now), '3d 4h ago');
  assert.equal(age('2025-09-12T10:05:00Z', now), 'just now');
  assert.equal(age(null, now), '—');
  assert.equal(time('2025-09-12T10:04:00.000002Z'), '2025-09-12 10:04:00 UTC');
  assert.equal(time('2025-09-12T10:04:00+02:00'), '2025-09-12 08:04:00 UTC');
  assert.equal(time(1757671440), '2025-09-12 10:04:00 UTC');
  assert.equal(time(null), '—');
});

test('top-up durations', () => {
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('30m'), 1800);
  assert.equal(parseDuration('6h'), 21600);
  assert.equal(parseDuration('2d'), 172800);
  assert.equal(parseDuration('1h 30m'), 5400);
  assert.equal(parseDuration('2'), 7200);
  for (const bad of ['', '0s', 'h', '1.5h', '-1h', '1w', '1h30']) assert.equal(parseDuration(bad), null, bad);
});

test('wei amounts stay exact beyond 2^53', () => {
  const body = parseJson('{"balance_wei": 123456789012345678901234567890, "small": 42, "usd": 8.5, "s": "x: 12345678901234567890"}');
  assert.equal(body.balance_wei, 123456789012345678901234567890n);
  assert.equal(body.small, 42);
  assert.equal(body.usd, 8.5);
  assert.equal(body.s, 'x: 12345678901234567890');
  assert.equal(wei(body.balance_wei), 123456789012345678901234567890n);
  assert.equal(wei('0'), 0n);
  assert.equal(wei(null), null);
});
