// Checkout: the shipping address and a card, then one POST /api/v1/orders.
import {api} from './api.js';
import * as cart from './cart.js';
import {errorBox, h, money, notice, setError, show} from './dom.js';
import {describeError, TEST_CARDS} from './words.js';

const MAX_ADDRESS = 1000; // the order service's limit

export function checkoutPage(go) {
  const items = cart.lines();
  const sum = cart.total(items);
  if (!items.length || !sum) {
    go('/cart');
    return;
  }
  const error = errorBox();
  const address = h('textarea', {id: 'shipping_address', name: 'shipping_address', rows: 3, required: true, maxlength: MAX_ADDRESS, autocomplete: 'shipping street-address'});
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
  const form = h(
    'form',
    {class: 'stack', novalidate: true},
    h('label', {for: 'shipping_address'}, 'Shipping address'),
    address,
    cards,
    error,
    place,
  );
  // one key per checkout: sending again after a lost answer finds the first order, never a second
  let key = crypto.randomUUID();
  let sent = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const shipping = address.value.trim();
    if (!shipping) {
      setError(error, 'Enter the address we should ship to.');
      address.focus();
      return;
    }
    const body = {
      items: items.map((l) => ({product_id: l.product_id, quantity: l.quantity})),
      shipping_address: shipping,
      currency: sum.currency,
      payment_method: form.elements.payment_method.value,
    };
    if (sent !== null && sent !== JSON.stringify(body)) key = crypto.randomUUID(); // a new order
    sent = JSON.stringify(body);
    place.disabled = true;
    setError(error, '');
    try {
      const order = await api.placeOrder(body, key);
      cart.empty();
      notice(order.status === 'FAILED' ? 'Your order was placed, but the payment did not go through.' : 'Thank you: your order is placed.', order.status === 'FAILED' ? 'error' : 'success');
      go(`/orders/${order.id}`);
    } catch (e) {
      const names = Object.fromEntries(items.map((l) => [l.product_id, l.name]));
      setError(error, describeError(e, {names}));
    } finally {
      place.disabled = false;
    }
  });
  show(
    h('h1', {}, 'Checkout'),
    h(
      'section',
      {'aria-labelledby': 'summary'},
      h('h2', {id: 'summary'}, 'Your order'),
      h('ul', {class: 'summary'}, items.map((l) => h('li', {}, `${l.quantity} × ${l.name}`, h('span', {}, money({...l.price, amount: l.price.amount * l.quantity}))))),
      h('p', {class: 'total'}, 'Total: ', h('strong', {}, money(sum))),
    ),
    form,
  );
}
