// The typed requestor API (/api/v1, requestor-ear/API.md) with the bearer token kept in sessionStorage.

const KEY = 'golem.requestor.api-token';

/** @returns {string|null} the API token of this tab */
export function token() {
  return sessionStorage.getItem(KEY);
}

/** Keeps the token for this tab (never in a URL, never logged). */
export function setToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** An error answer: the HTTP status and the API's detail.code / detail.message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let unauthorized = () => {};

/** Sets what happens on a 401 (the token form comes back). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/**
 * Parses JSON keeping integers beyond 2^53 exact (as BigInt): wei amounts and stream ids are JSON integers.
 * Uses the reviver's source text where the browser gives it, else quotes long integers before parsing.
 */
export function parseJson(text) {
  let exact = true;
  const value = JSON.parse(text, (key, v, ctx) => {
    if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v)) {
      if (ctx && typeof ctx.source === 'string') {
        return BigInt(ctx.source);
      }
      exact = false;
    }
    return v;
  });
  if (exact) {
    return value;
  }
  const quoted = text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"');
  return JSON.parse(quoted, (key, v) => (typeof v === 'string' && /^-?\d{16,}$/.test(v) ? BigInt(v) : v));
}

function stringify(body) {
  return JSON.stringify(body, (key, v) => (typeof v === 'bigint' ? `__big__${v}` : v))
    .replace(/"__big__(-?\d+)"/g, '$1');
}

/**
 * Calls the requestor API.
 *
 * @param {string} method HTTP method
 * @param {string} path path below /api/v1/ (e.g. "wallet")
 * @param {object} [body] JSON body
 * @returns {Promise<any>} the answer's JSON (null when empty)
 * @throws {ApiError} on an error answer or when the service does not answer (code NETWORK)
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token() ?? ''}` };
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1/${path}`, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the requestor service did not answer (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? parseJson(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const detail = json && json.detail && typeof json.detail === 'object' ? json.detail : {};
    const error = new ApiError(response.status, detail.code ?? `HTTP_${response.status}`,
      detail.message ?? (text || response.statusText));
    if (response.status === 401) {
      unauthorized(error);
    }
    throw error;
  }
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const del = (path) => api('DELETE', path);
