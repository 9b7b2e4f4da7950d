// The cart lives in this browser (localStorage) until checkout turns it into an order.
import {action, errorBox, h, money, notice, setError, show} from './dom.js';
import {current as currentSession} from './session.js';

const KEY = 'orderpay.cart';
const listeners = new Set();
export const MAX_QUANTITY = 99;

/** [{product_id, name, price, quantity}] */
export function lines() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || [];
  } catch {
    return [];
  }
}

function save(next) {
  localStorage.setItem(KEY, JSON.stringify(next));
  listeners.forEach((listener) => listener(next));
}

export function onChange(listener) {
  listeners.add(listener);
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY) listeners.forEach((listener) => listener(lines()));
});

export function count() {
  return lines().reduce((sum, line) => sum + line.quantity, 0);
}

export function add(product, quantity) {
  const next = lines();
  const line = next.find((l) => l.product_id === product.id);
  if (line) line.quantity = Math.min(MAX_QUANTITY, line.quantity + quantity);
  else next.push({product_id: product.id, name: product.name, price: product.price, quantity});
  save(next);
}

export function setQuantity(productId, quantity) {
  save(lines().map((l) => (l.product_id === productId ? {...l, quantity} : l)));
}

export function remove(productId) {
  save(lines().filter((l) => l.product_id !== productId));
}

export function empty() {
  save([]);
}

/** The cart's total, or null when its lines are priced in different currencies. */
export function total(of = lines()) {
  if (!of.length) return null;
  const currency = of[0].price.currency;
  if (of.some((l) => l.price.currency !== currency)) return null;
  return {amount: of.reduce((sum, l) => sum + l.price.amount * l.quantity, 0), currency};
}

export function cartPage(go) {
  const items = lines();
  if (!items.length) {
    show(h('h1', {}, 'Your cart'), h('p', {}, 'Your cart is empty. ', h('a', {href: '/'}, 'Browse the products'), '.'));
    return;
  }
  const error = errorBox();
  const rows = items.map((line) => {
    const inputId = `qty-${line.product_id}`;
    const quantity = h('input', {
      id: inputId,
      type: 'number',
      inputmode: 'numeric',
      min: 1,
      max: MAX_QUANTITY,
      value: line.quantity,
      class: 'qty',
    });
    quantity.addEventListener('change', () => {
      const n = Number(quantity.value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) {
        setError(error, `Choose a quantity from 1 to ${MAX_QUANTITY} for ${line.name}.`);
        quantity.value = line.quantity;
        return;
      }
      setError(error, '');
      setQuantity(line.product_id, n);
      cartPage(go);
    });
    return h(
      'li',
      {class: 'line'},
      h('a', {href: `/products/${line.product_id}`, class: 'line-name'}, line.name),
      h('span', {class: 'line-price'}, money(line.price), ' each'),
      h('label', {for: inputId, class: 'line-qty'}, 'Quantity ', quantity),
      h('span', {class: 'line-total'}, money({...line.price, amount: line.price.amount * line.quantity})),
      action('Remove', () => {
        remove(line.product_id);
        notice(`${line.name} removed from your cart.`);
        cartPage(go);
      }, {class: 'secondary', 'aria-label': `Remove ${line.name}`}),
    );
  });
  const sum = total(items);
  const signedIn = !!currentSession();
  show(
    h('h1', {}, 'Your cart'),
    h('ul', {class: 'lines', 'aria-label': 'Items in your cart'}, rows),
    error,
    sum
      ? h('p', {class: 'total'}, 'Total: ', h('strong', {}, money(sum)))
      : h('p', {class: 'error', role: 'alert'}, 'Your cart mixes currencies; an order has one. Remove the items in the other currency.'),
    h(
      'p',
      {class: 'actions'},
      sum && signedIn ? h('a', {href: '/checkout', class: 'button'}, 'Check out') : null,
      sum && !signedIn ? h('a', {href: '/login?next=/checkout', class: 'button'}, 'Log in to check out') : null,
      h('a', {href: '/'}, 'Continue shopping'),
    ),
  );
}
