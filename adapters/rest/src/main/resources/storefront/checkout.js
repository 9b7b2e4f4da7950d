// Checkout: the shipping address and a card, then one POST /api/v1/orders. How the card is taken
// depends on the gateway (GET /api/v1/storefront/config): with Stripe's test cards the order is
// placed with the chosen payment_method and the server confirms it; with a publishable key the
// order is placed without one, and Stripe.js's Payment Element confirms its client_secret here.
import {api} from './api.js';
import * as cart from './cart.js';
import {errorBox, h, money, notice, setError, show} from './dom.js';
import {loadStripe} from './stripe-js.js';
import {describeError, TEST_CARDS} from './words.js';

const MAX_ADDRESS = 1000; // the order service's limit

let config = null; // asked once per visit

async function storefrontConfig() {
  if (!config) config = api.storefrontConfig().catch((e) => { config = null; throw e; });
  return config;
}

export async function checkoutPage(go, isCurrent = () => true) {
  const items = cart.lines();
  const sum = cart.total(items);
  if (!items.length || !sum) {
    go('/cart');
    return;
  }
  let settings;
  try {
    settings = await storefrontConfig();
  } catch (e) {
    if (isCurrent()) show(h('h1', {}, 'Checkout'), h('p', {class: 'error', role: 'alert'}, describeError(e)));
    return;
  }
  if (!isCurrent()) return;
  if (settings.payment_mode === 'payment_element') {
    paymentElementCheckout(go, isCurrent, items, sum, settings);
    return;
  }
  const error = errorBox();
  const address = addressField();
  const cards = h(
    'fieldset',
    {class: 'cards'},
    h('legend', {}, 'Card (Stripe test cards: nothing is charged)'),
    TEST_CARDS.map((card, i) =>
      h(
        'div',
        {class: 'card-choice'},
        h('input', {type: 'radio', name: 'payment_method', id: card.id, value: card.id, checked: i === 0}),
        h('label', {for: card.id}, h('strong', {}, card.label), ` – ${card.hint}`),
      ),
    ),
  );
  const place = h('button', {type: 'submit'}, `Pay ${money(sum)}`);
  const form = addressForm(address, cards, error, place);
  const send = orderSender(items, sum);
  onAddressSubmit(form, address, error, place, async (shipping) => {
    try {
      const order = await send(shipping, {payment_method: form.elements.payment_method.value});
      cart.empty();
      announce(order);
      go(`/orders/${order.id}`);
    } catch (e) {
      setError(error, refusal(e, items));
    } finally {
      place.disabled = false;
    }
  });
  show(h('h1', {}, 'Checkout'), summary(items, sum), form);
}

/**
 * Places this checkout's order: one Idempotency-Key while the body stays the same, so sending again
 * after a lost answer finds the first order, never a second; a changed cart or address is a new one.
 */
function orderSender(items, sum) {
  let key = crypto.randomUUID();
  let sent = null;
  return (shipping, extra = {}) => {
    const body = {
      items: items.map((l) => ({product_id: l.product_id, quantity: l.quantity})),
      shipping_address: shipping,
      currency: sum.currency,
      ...extra,
    };
    const text = JSON.stringify(body);
    if (sent !== null && sent !== text) key = crypto.randomUUID();
    sent = text;
    return api.placeOrder(body, key);
  };
}

/** The checkout's form: the shipping address, then what this way of paying adds (cards, error, button). */
function addressForm(address, ...rest) {
  return h('form', {class: 'stack', novalidate: true}, h('label', {for: 'shipping_address'}, 'Shipping address'), address, ...rest);
}

/**
 * On submit with an address typed: the button is disabled (no second order by a double click) and
 * the last error cleared, then `placeWith(shipping)` runs; it enables the button again as it needs.
 */
function onAddressSubmit(form, address, error, button, placeWith) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const shipping = shippingAddress(address, error);
    if (!shipping) return;
    button.disabled = true;
    setError(error, '');
    await placeWith(shipping);
  });
}

/** The address typed, or null after asking for one. */
function shippingAddress(address, error) {
  const shipping = address.value.trim();
  if (!shipping) {
    setError(error, 'Enter the address we should ship to.');
    address.focus();
  }
  return shipping || null;
}

/** The API's refusal in words, naming the cart's products (e.g. which one is sold out). */
function refusal(e, items) {
  return describeError(e, {names: Object.fromEntries(items.map((l) => [l.product_id, l.name]))});
}

function announce(order) {
  const failed = order.status === 'FAILED';
  notice(failed ? 'Your order was placed, but the payment did not go through.' : 'Thank you: your order is placed.', failed ? 'error' : 'success');
}

function addressField() {
  return h('textarea', {id: 'shipping_address', name: 'shipping_address', rows: 3, required: true, maxlength: MAX_ADDRESS, autocomplete: 'shipping street-address'});
}

function summary(items, sum) {
  return h(
    'section',
    {'aria-labelledby': 'summary'},
    h('h2', {id: 'summary'}, 'Your order'),
    h('ul', {class: 'summary'}, items.map((l) => h('li', {}, `${l.quantity} × ${l.name}`, h('span', {}, money({...l.price, amount: l.price.amount * l.quantity}))))),
    h('p', {class: 'total'}, 'Total: ', h('strong', {}, money(sum))),
  );
}

/**
 * With Stripe: the address places the order (no payment_method: the answer carries the payment's
 * client_secret), then Stripe.js's Payment Element takes the card and confirms it in the browser.
 * The order page follows the outcome, which Stripe's webhook settles.
 */
function paymentElementCheckout(go, isCurrent, items, sum, settings) {
  const error = errorBox();
  const address = addressField();
  const next = h('button', {type: 'submit'}, 'Continue to payment');
  const form = addressForm(address, error, next);
  const payment = h('div', {class: 'stack'});
  const send = orderSender(items, sum);
  onAddressSubmit(form, address, error, next, async (shipping) => {
    let order;
    try {
      order = await send(shipping); // no payment_method: the answer carries the client_secret
    } catch (e) {
      setError(error, refusal(e, items));
      next.disabled = false;
      return;
    }
    cart.empty();
    if (!isCurrent()) return;
    if (order.status !== 'PENDING' || !order.payment?.client_secret) {
      announce(order);
      go(`/orders/${order.id}`);
      return;
    }
    address.readOnly = true;
    next.remove();
    await payWithStripe(go, isCurrent, order, settings, payment);
  });
  show(h('h1', {}, 'Checkout'), summary(items, sum), form, payment);
}

async function payWithStripe(go, isCurrent, order, settings, section) {
  const error = errorBox();
  const loading = h('p', {}, 'Loading the card form…');
  const mountPoint = h('div', {id: 'payment-element'});
  const pay = h('button', {type: 'button', disabled: true}, `Pay ${money(order.total)}`);
  const heading = h('h2', {id: 'payment-heading', tabindex: '-1'}, 'Card');
  const orderLink = h('p', {}, 'Your order is placed and waits for the payment: ', h('a', {href: `/orders/${order.id}`}, 'see it'), '.');
  section.replaceChildren(
    h('section', {'aria-labelledby': 'payment-heading', class: 'stack'}, heading, loading, mountPoint, error, pay, orderLink),
  );
  heading.focus();
  let stripe;
  let elements;
  try {
    const Stripe = await loadStripe(settings.stripe_js_url);
    stripe = Stripe(settings.stripe_publishable_key);
    elements = stripe.elements({clientSecret: order.payment.client_secret});
    elements.create('payment').mount(mountPoint);
  } catch {
    loading.remove();
    setError(error, 'The card form could not be loaded. Check your connection and reload the page: your order stays open for a while under Orders.');
    return;
  }
  if (!isCurrent()) return;
  loading.remove();
  pay.disabled = false;
  pay.addEventListener('click', async () => {
    pay.disabled = true;
    setError(error, '');
    let result;
    try {
      result = await stripe.confirmPayment({
        elements,
        redirect: 'if_required',
        confirmParams: {return_url: `${location.origin}/orders/${order.id}`},
      });
    } catch {
      result = {error: {}};
    }
    if (!isCurrent()) return;
    const failure = result.error;
    if (failure && failure.type !== 'card_error') {
      // an incomplete card form, or Stripe out of reach: Stripe's words, and the customer retries
      setError(error, failure.message || 'The payment could not be sent. Please try again.');
      pay.disabled = false;
      return;
    }
    if (failure) {
      // declined: Stripe tells us (and the webhook tells the order) the payment failed
      notice(`The payment did not go through. ${failure.message || 'The card was declined.'}`, 'error');
    } else {
      notice('Thank you: your order is placed.', 'success');
    }
    go(`/orders/${order.id}`);
  });
}
