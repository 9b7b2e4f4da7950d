// The console's orders: every customer's, filtered; one order's whole story; stuck sagas.
import {overview} from './admin-overview.js';
import {area, failed, fill, table} from './admin-view.js';
import {api} from './api.js';
import {action, errorBox, h, money, notice, setError, shortId, show, time} from './dom.js';
import {describeError, failureReason, ORDER_STATUS, PAYMENT_STATUS} from './words.js';

const STUCK_MINUTES = 5;
const SOURCES = {order: 'Order', payment: 'Payment', notification: 'Email'};

function badge(status) {
  return h('span', {class: `badge ${status.toLowerCase()}`}, ORDER_STATUS[status] || status);
}

function orderLink(order) {
  return h('a', {href: `/admin/orders/${order.id}`}, shortId(order.id));
}

export async function adminOrdersPage({go, params, nav}) {
  const status = params.get('status') || '';
  const customer = params.get('customer') || '';
  const minutes = params.get('older_than_minutes') || '';
  const statusField = h(
    'select',
    {id: 'filter-status', name: 'status'},
    h('option', {value: ''}, 'any status'),
    Object.keys(ORDER_STATUS).map((s) => h('option', {value: s, selected: s === status}, ORDER_STATUS[s])),
  );
  const customerField = h('input', {id: 'filter-customer', name: 'customer', value: customer, placeholder: 'email or user id', autocomplete: 'off'});
  const minutesField = h('input', {id: 'filter-age', name: 'older_than_minutes', type: 'number', min: 0, value: minutes, class: 'qty'});
  const form = h(
    'form',
    {class: 'filters', 'aria-label': 'Filter orders'},
    h('label', {for: 'filter-status'}, 'Status'), statusField,
    h('label', {for: 'filter-customer'}, 'Customer'), customerField,
    h('label', {for: 'filter-age'}, 'Older than (minutes)'), minutesField,
    h('button', {type: 'submit'}, 'Show orders'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (statusField.value) next.set('status', statusField.value);
    if (customerField.value.trim()) next.set('customer', customerField.value.trim());
    if (minutesField.value) next.set('older_than_minutes', minutesField.value);
    const text = next.toString();
    go(text ? `/admin?${text}` : '/admin');
  });
  const results = area('Loading orders…');
  const panel = area('Reading the services…');
  show(h('h1', {}, 'Operator console'), nav, h('h2', {}, 'Overview'), panel, h('h2', {}, 'Orders'), form, results);
  overview(panel); // beside the orders, not before them
  try {
    const page = await api.admin.orders({
      status: status || undefined,
      customer: customer || undefined,
      olderThanSeconds: minutes ? Number(minutes) * 60 : undefined,
      pageToken: params.get('page_token') || undefined,
    });
    if (!page.orders.length) {
      fill(results, h('p', {}, 'No order matches.'));
      return;
    }
    const more = new URLSearchParams(params);
    more.set('page_token', page.next_page_token || '');
    fill(
      results,
      ordersTable('Orders, newest first', page.orders),
      page.next_page_token ? h('p', {class: 'pager'}, h('a', {href: `/admin?${more}`}, 'Older orders')) : null,
    );
  } catch (error) {
    failed(results, error);
  }
}

function ordersTable(caption, orders, extra) {
  const headers = ['Order', 'Status', 'Customer', 'Total', 'Created'];
  if (extra) headers.push('Actions');
  return table(caption, headers, orders.map((o) => {
    const cells = [orderLink(o), badge(o.status), h('code', {}, shortId(o.user_id)), money(o.total), time(o.created_at)];
    if (extra) cells.push(extra(o));
    return cells;
  }));
}

export async function stuckSagasPage({go, params, nav}) {
  const asked = Number.parseInt(params.get('minutes') ?? '', 10);
  const minutes = Number.isInteger(asked) && asked >= 0 ? asked : STUCK_MINUTES;
  const field = h('input', {id: 'stuck-minutes', name: 'minutes', type: 'number', min: 0, value: minutes, class: 'qty'});
  const form = h(
    'form',
    {class: 'filters', 'aria-label': 'Threshold'},
    h('label', {for: 'stuck-minutes'}, 'Pending for more than (minutes)'), field,
    h('button', {type: 'submit'}, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(`/admin/stuck?minutes=${encodeURIComponent(field.value === '' ? STUCK_MINUTES : field.value)}`);
  });
  const results = area('Looking for stuck sagas…');
  show(h('h1', {}, 'Stuck sagas'), nav, form, results);
  const load = async () => {
    try {
      const page = await api.admin.orders({status: 'PENDING', olderThanSeconds: minutes * 60, pageSize: 100});
      if (!page.orders.length) {
        fill(results, h('p', {}, `No order has been pending for more than ${minutes} minutes.`));
        return;
      }
      const error = errorBox();
      fill(results, error, ordersTable(`Orders pending for more than ${minutes} minutes, newest first`, page.orders, (o) =>
        h('span', {class: 'actions'},
          action('Retry', () => act(() => api.admin.retry(o.id), `Order ${shortId(o.id)}: saga retried.`, error, load), {'aria-label': `Retry order ${shortId(o.id)}`}),
          action('Cancel', () => act(() => api.cancelOrder(o.id), `Order ${shortId(o.id)} cancelled.`, error, load), {class: 'secondary', 'aria-label': `Cancel order ${shortId(o.id)}`}),
        )));
    } catch (error) {
      failed(results, error);
    }
  };
  await load();
}

async function act(call, done, error, reload) {
  setError(error, '');
  try {
    await call();
    notice(done, 'success');
  } catch (e) {
    setError(error, describeError(e, {invalidState: 'Not possible any more: the order moved on meanwhile.'}));
  }
  await reload();
}

export async function adminOrderPage({nav}, id) {
  const body = area('Loading the order and its timeline…');
  show(h('h1', {}, `Order ${shortId(id)}`), nav, body);
  const load = async () => {
    try {
      const [order, story] = await Promise.all([api.order(id), api.admin.timeline(id)]);
      fill(body, orderStory(order, story, load));
    } catch (error) {
      failed(body, error, {what: 'order'});
    }
  };
  await load();
}

function fact(label, value) {
  return h('li', {}, h('span', {}, label), h('span', {}, value));
}

function orderStory(order, story, reload) {
  const error = errorBox();
  const buttons = [];
  if (order.status === 'PENDING') {
    buttons.push(action('Retry the saga now', () => act(() => api.admin.retry(order.id), 'Saga retried.', error, reload)));
    buttons.push(action('Cancel the order', () => act(() => api.cancelOrder(order.id), 'Order cancelled.', error, reload), {class: 'secondary'}));
  }
  if (order.status === 'PAID') {
    buttons.push(action('Refund the order', () => act(() => api.cancelOrder(order.id), 'Order refunded.', error, reload), {class: 'secondary'}));
  }
  const reason = failureReason(order.failure_reason);
  return [
    h('p', {class: 'status-line'}, 'Status: ', badge(order.status)),
    reason ? h('p', {class: 'info'}, reason) : null,
    h(
      'ul',
      {class: 'summary', 'aria-label': 'Order facts'},
      fact('Order id', h('code', {}, order.id)),
      fact('Customer', h('code', {}, order.user_id)),
      fact('Total', h('strong', {}, money(order.total))),
      fact('Items', order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')),
      order.payment ? fact('Payment', `${PAYMENT_STATUS[order.payment.status] || order.payment.status} (${order.payment.provider_payment_id || 'no intent yet'})`) : null,
      fact('Trace id', h('code', {class: 'trace-id'}, story.trace_id || 'not recorded')),
    ),
    error,
    buttons.length ? h('p', {class: 'actions'}, buttons) : null,
    h('h2', {id: 'story-heading'}, 'Timeline'),
    story.entries.length
      ? h('ol', {class: 'timeline story', 'aria-labelledby': 'story-heading'}, story.entries.map((e) =>
        h('li', {'data-source': e.source, 'data-kind': e.kind}, time(e.at), ' ',
          h('span', {class: `source ${e.source}`}, SOURCES[e.source] || e.source), ' ',
          h('strong', {}, e.kind), e.detail ? ` ${e.detail}` : '')))
      : h('p', {}, 'Nothing recorded yet.'),
    h('p', {}, h('a', {href: '/admin'}, 'All orders')),
  ];
}
