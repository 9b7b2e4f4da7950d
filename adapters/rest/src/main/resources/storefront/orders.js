// An order with its live status and timeline, the order history, and the customer's messages.
import {api} from './api.js';
import {action, errorBox, h, money, notice, setError, shortId, show, time} from './dom.js';
import {
  describeError,
  failureReason,
  NOTIFICATION_STATUS,
  ORDER_STATUS,
  PAYMENT_STATUS,
  TEMPLATES,
} from './words.js';

const POLL_MS = 1500;
const POLL_FOR_MS = 3 * 60 * 1000;

/** The email each final status sends; the page keeps watching until it is out. */
const LAST_EMAIL = {
  PAID: 'payment_succeeded',
  FAILED: 'payment_failed',
  CANCELLED: 'order_cancelled',
  REFUNDED: 'order_refunded',
};

function badge(status) {
  return h('span', {class: `badge ${status.toLowerCase()}`}, ORDER_STATUS[status] || status);
}

export async function orderPage(go, id, isCurrent) {
  const live = h('div', {class: 'order', 'aria-busy': 'true'}, h('p', {}, 'Loading your order…'));
  const heading = h('h1', {}, `Order ${shortId(id)}`);
  show(heading, live);
  let shown = '';
  const started = Date.now();
  let stopped = false;

  const load = async () => {
    const [order, payment, notes] = await Promise.all([
      api.order(id),
      api.payment(id).catch(() => null),
      api.notifications(id).then((r) => r.notifications).catch(() => []),
    ]);
    return {order, payment, notes};
  };

  const settled = ({order, notes}) =>
    order.status !== 'PENDING' &&
    notes.some((n) => n.template === LAST_EMAIL[order.status]) &&
    notes.every((n) => n.status !== 'PENDING');

  const render = (state) => {
    const text = JSON.stringify(state);
    if (text === shown) return; // nothing new: keep focus and screen readers where they are
    shown = text;
    live.removeAttribute('aria-busy');
    live.replaceChildren(...orderView(state, refresh).filter(Boolean));
  };

  // what the customer's own clicks return is shown at once, then watched again
  const refresh = async (now) => {
    if (now) render(now);
    try {
      const state = await load();
      render(state);
      return state;
    } catch (error) {
      live.removeAttribute('aria-busy');
      live.replaceChildren(h('p', {class: 'error', role: 'alert'}, describeError(error, {what: 'order'})));
      stopped = true;
      return null;
    }
  };

  let state = await refresh();
  while (state && !stopped && isCurrent() && !settled(state) && Date.now() - started < POLL_FOR_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (!isCurrent()) return;
    state = await refresh();
  }
}

function orderView({order, payment, notes}, refresh) {
  const error = errorBox();
  const reason = failureReason(order.failure_reason);
  const buttons = [];
  const awaitingBank = order.status === 'PENDING' && order.payment?.status === 'REQUIRES_ACTION';
  const cancelWords = {
    invalidState: 'This order cannot be changed any more: its status moved on meanwhile.',
  };
  // one call for both: the order service cancels a pending order and refunds a paid one
  const cancelButton = (label, done) =>
    action(label, async () => {
      try {
        const changed = await api.cancelOrder(order.id);
        notice(done, 'success');
        await refresh({order: changed, payment, notes});
      } catch (e) {
        setError(error, describeError(e, cancelWords));
        await refresh();
      }
    }, {class: 'secondary'});
  if (order.status === 'PENDING') {
    buttons.push(cancelButton('Cancel this order', 'Your order is cancelled.'));
  }
  if (order.status === 'PAID') {
    buttons.push(cancelButton('Refund this order', 'Your order is refunded: the money goes back to your card.'));
  }
  return [
    h('p', {class: 'status-line'}, 'Status: ', badge(order.status)),
    reason ? h('p', {class: order.status === 'REFUNDED' ? 'info' : 'error'}, reason) : null,
    awaitingBank ? secureChallenge(order, error, refresh, {payment, notes}) : null,
    h(
      'section',
      {'aria-labelledby': 'items-heading'},
      h('h2', {id: 'items-heading'}, 'Items'),
      h(
        'ul',
        {class: 'summary'},
        order.items.map((item) =>
          h('li', {}, h('a', {href: `/products/${item.product_id}`}, `${item.quantity} × ${item.name}`), h('span', {}, money(item.line_total))),
        ),
      ),
      h('p', {class: 'total'}, 'Total: ', h('strong', {}, money(order.total))),
      h('p', {}, 'Shipping to: ', h('span', {class: 'address'}, order.shipping_address)),
      order.payment ? h('p', {}, `Payment: ${PAYMENT_STATUS[order.payment.status] || order.payment.status}`) : null,
    ),
    error,
    buttons.length ? h('p', {class: 'actions'}, buttons) : null,
    h('section', {'aria-labelledby': 'timeline-heading'}, h('h2', {id: 'timeline-heading'}, 'Timeline'), timeline(order, payment, notes)),
    h('p', {}, h('a', {href: '/orders'}, 'All your orders')),
  ];
}

/**
 * The bank's 3-D Secure step, as Stripe's test mode shows it: with the local emulator the shop
 * passes it through the API (POST .../payment/authenticate). With Stripe itself the Payment Element
 * shows the bank's challenge during checkout (ADR 15), and the API refuses this call.
 */
function secureChallenge(order, error, refresh, rest) {
  return h(
    'section',
    {class: 'challenge', 'aria-labelledby': 'challenge-heading'},
    h('h2', {id: 'challenge-heading'}, 'Confirm the payment with your bank'),
    h('p', {}, `Your bank asks you to confirm the payment of ${money(order.total)} (3-D Secure). This is a test card: confirming charges nothing real.`),
    h(
      'p',
      {class: 'actions'},
      action('Confirm payment', async () => {
        try {
          await api.authenticatePayment(order.id);
          notice('Payment confirmed with your bank.', 'success');
        } catch (e) {
          setError(error, describeError(e, {
            invalidState: 'This payment does not wait for a confirmation any more.',
          }));
        }
        await refresh();
      }),
    ),
  );
}

function timeline(order, payment, notes) {
  const events = [{at: order.created_at, text: `Order placed: ${order.items.reduce((n, i) => n + i.quantity, 0)} item(s), ${money(order.total)}`}];
  if (payment) {
    events.push({at: payment.created_at, text: 'Payment started'});
    if (payment.status !== 'PENDING') {
      events.push({at: payment.updated_at, text: `Payment ${PAYMENT_STATUS[payment.status] || payment.status}`});
    }
  }
  if (order.status !== 'PENDING') {
    events.push({at: order.updated_at, text: `Order ${(ORDER_STATUS[order.status] || order.status).toLowerCase()}`});
  }
  for (const note of notes) {
    const what = `Email “${note.subject || TEMPLATES[note.template] || note.template}”`;
    events.push(
      note.status === 'SENT'
        ? {at: note.sent_at, text: `${what} sent to ${note.to || 'you'}`}
        : {at: note.created_at, text: `${what} ${NOTIFICATION_STATUS[note.status] || note.status}`},
    );
  }
  events.sort((a, b) => new Date(a.at) - new Date(b.at));
  return h('ol', {class: 'timeline'}, events.map((e) => h('li', {}, time(e.at), ' ', e.text)));
}

export async function ordersPage(go, params) {
  const status = params.get('status') || '';
  const pageToken = params.get('page_token') || '';
  const filter = h(
    'select',
    {id: 'status-filter', name: 'status'},
    h('option', {value: '', selected: !status}, 'All'),
    Object.entries(ORDER_STATUS).map(([value, label]) => h('option', {value, selected: status === value}, label)),
  );
  filter.addEventListener('change', () => go(filter.value ? `/orders?status=${filter.value}` : '/orders'));
  const list = h('div', {'aria-busy': 'true'}, h('p', {}, 'Loading your orders…'));
  show(h('h1', {}, 'Your orders'), h('p', {class: 'filter'}, h('label', {for: 'status-filter'}, 'Show '), filter), list);
  try {
    const page = await api.orders({status, pageToken, pageSize: 10});
    list.removeAttribute('aria-busy');
    if (!page.orders.length) {
      list.replaceChildren(h('p', {}, status ? 'No orders with this status.' : 'No orders yet. ', status ? null : h('a', {href: '/'}, 'Start shopping')));
      return;
    }
    const more = new URLSearchParams(status ? {status} : {});
    list.replaceChildren(
      h(
        'ul',
        {class: 'orders'},
        page.orders.map((o) =>
          h(
            'li',
            {class: 'card'},
            h('a', {href: `/orders/${o.id}`}, `Order ${shortId(o.id)}`),
            ' ',
            badge(o.status),
            h('p', {}, time(o.created_at), ` · ${o.items.reduce((n, i) => n + i.quantity, 0)} item(s) · ${money(o.total)}`),
          ),
        ),
      ),
      h(
        'nav',
        {class: 'pager', 'aria-label': 'Pages'},
        pageToken ? h('a', {href: `/orders${more.size ? `?${more}` : ''}`}, 'Newest orders') : null,
        page.next_page_token ? h('a', {href: `/orders?${new URLSearchParams({...Object.fromEntries(more), page_token: page.next_page_token})}`, rel: 'next'}, 'Older orders') : null,
      ),
    );
  } catch (error) {
    list.removeAttribute('aria-busy');
    list.replaceChildren(h('p', {class: 'error', role: 'alert'}, describeError(error)));
  }
}

export async function notificationsPage() {
  const list = h('div', {'aria-busy': 'true'}, h('p', {}, 'Loading your messages…'));
  show(h('h1', {}, 'Your messages'), list);
  try {
    const {notifications} = await api.notifications();
    list.removeAttribute('aria-busy');
    if (!notifications.length) {
      list.replaceChildren(h('p', {}, 'No messages yet.'));
      return;
    }
    list.replaceChildren(
      h(
        'ul',
        {class: 'messages'},
        notifications.map((n) =>
          h(
            'li',
            {class: 'card'},
            h('h2', {}, n.subject || TEMPLATES[n.template] || n.template),
            h('p', {}, `${n.channel === 'email' ? 'Email' : n.channel} to ${n.to || 'you'}, ${NOTIFICATION_STATUS[n.status] || n.status} `, time(n.sent_at || n.created_at)),
            n.order_id ? h('p', {}, h('a', {href: `/orders/${n.order_id}`}, `Order ${shortId(n.order_id)}`)) : null,
          ),
        ),
      ),
    );
  } catch (error) {
    list.removeAttribute('aria-busy');
    list.replaceChildren(h('p', {class: 'error', role: 'alert'}, describeError(error)));
  }
}
