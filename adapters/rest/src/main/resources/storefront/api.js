// The public REST API, and nothing else: every call of the shop goes through here.
import * as session from './session.js';

/** A refused or failed call: the API's error code, message and details, and the HTTP status. */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || (status >= 500 ? 'internal' : 'invalid_request');
    this.details = error.details || {};
    this.retryAfter = retryAfter;
  }
}

async function send(method, path, {body, token, headers = {}} = {}) {
  const init = {method, headers: {Accept: 'application/json', ...headers}};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (token) init.headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw Object.assign(new ApiError(0, null), {code: 'network'});
  }
  const text = await response.text();
  let json = null;
  if (text && (response.headers.get('Content-Type') || '').startsWith('application/json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, json, response.headers.get('Retry-After'));
  return json;
}

/** Spends a refresh token; null when the API refuses it (the session is over). */
async function refresh(refreshToken) {
  try {
    return await send('POST', '/api/v1/auth/refresh', {body: {refresh_token: refreshToken}});
  } catch (error) {
    if (error.status === 401 || error.status === 400) return null;
    throw error;
  }
}

/** A call as the signed-in customer: a stale token is renewed quietly, once. */
async function authed(method, path, options = {}) {
  const token = await session.accessToken(refresh);
  if (!token) throw new ApiError(401, {error: {code: 'unauthenticated'}});
  try {
    return await send(method, path, {...options, token});
  } catch (error) {
    if (error.status !== 401) throw error;
    const renewed = await session.renewAfterRejection(refresh, token);
    if (!renewed) throw error;
    return send(method, path, {...options, token: renewed});
  }
}

const enc = encodeURIComponent;

function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
}

export const api = {
  signUp: (email, password, name) => send('POST', '/api/v1/users', {body: {email, password, name}}),
  logIn: (email, password) => send('POST', '/api/v1/auth/token', {body: {email, password}}),
  me: () => authed('GET', '/api/v1/users/me'),

  products: ({q, pageSize, pageToken} = {}) =>
    send('GET', `/api/v1/products${query({q, page_size: pageSize, page_token: pageToken})}`),
  product: (id) => send('GET', `/api/v1/products/${enc(id)}`),
  stock: (id) => send('GET', `/api/v1/products/${enc(id)}/stock`),

  // how checkout takes cards: Stripe's test cards, or Stripe.js's Payment Element
  storefrontConfig: () => send('GET', '/api/v1/storefront/config'),

  placeOrder: (order, idempotencyKey) =>
    authed('POST', '/api/v1/orders', {body: order, headers: {'Idempotency-Key': idempotencyKey}}),
  orders: ({pageSize, pageToken, status} = {}) =>
    authed('GET', `/api/v1/orders${query({page_size: pageSize, page_token: pageToken, status})}`),
  order: (id) => authed('GET', `/api/v1/orders/${enc(id)}`),
  cancelOrder: (id) => authed('POST', `/api/v1/orders/${enc(id)}/cancel`),
  payment: (id) => authed('GET', `/api/v1/orders/${enc(id)}/payment`),
  authenticatePayment: (id) => authed('POST', `/api/v1/orders/${enc(id)}/payment/authenticate`),

  notifications: (orderId) => authed('GET', `/api/v1/notifications${query({order_id: orderId})}`),

  // the operator console's calls: the API answers 403 to anyone but an admin
  admin: {
    orders: ({status, olderThanSeconds, customer, pageSize, pageToken} = {}) =>
      authed('GET', `/api/v1/admin/orders${query({status, older_than_seconds: olderThanSeconds, customer, page_size: pageSize, page_token: pageToken})}`),
    timeline: (id) => authed('GET', `/api/v1/admin/orders/${enc(id)}/timeline`),
    retry: (id) => authed('POST', `/api/v1/admin/orders/${enc(id)}/retry`),
    deadLetters: (topic) => authed('GET', `/api/v1/admin/dead-letters${query({topic})}`),
    replay: (topic, partition, offset) =>
      authed('POST', '/api/v1/admin/dead-letters/replay', {body: partition === undefined ? {topic} : {topic, partition, offset}}),
    overview: () => authed('GET', '/api/v1/admin/overview'),
    reconciliation: (days) => authed('GET', `/api/v1/admin/reconciliation${query({days})}`),
    createProduct: (product) => authed('POST', '/api/v1/products', {body: product}),
    updateProduct: (id, changes) => authed('PATCH', `/api/v1/products/${enc(id)}`, {body: changes}),
    deleteProduct: (id) => authed('DELETE', `/api/v1/products/${enc(id)}`),
    setStock: (id, onHand) => authed('PUT', `/api/v1/products/${enc(id)}/stock`, {body: {on_hand: onHand}}),
  },
};
