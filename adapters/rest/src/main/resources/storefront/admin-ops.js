// The console's plumbing: messages parked in dead-letter topics, and whether Stripe, the orders and
// the stock agree.
import {area, failed, fill, table} from './admin-view.js';
import {api} from './api.js';
import {action, errorBox, h, money, notice, setError, shortId, show, time} from './dom.js';
import {describeError} from './words.js';

export async function deadLettersPage({params, nav}) {
  const topic = params.get('topic') || undefined;
  const body = area('Reading the dead-letter topics…');
  show(h('h1', {}, 'Dead letters'), nav,
    h('p', {class: 'info'}, 'A consumer parks a message here when it cannot process it after its retries. Fix the cause, then replay: messages go back in turn, the oldest of each partition first, and one its consumer applied already is ignored.'),
    body);
  const load = async () => {
    try {
      fill(body, parked(await api.admin.deadLetters(topic), load));
    } catch (error) {
      failed(body, error);
    }
  };
  await load();
}

function parked({topics, messages}, reload) {
  const error = errorBox();
  const replay = (label, call, done) => action(label, async () => {
    setError(error, '');
    try {
      const {replayed} = await call();
      notice(done(replayed), 'success');
    } catch (e) {
      setError(error, describeError(e));
    }
    await reload();
  });
  const depths = table('Dead-letter topics', ['Topic', 'Parked', 'Actions'], topics.map((t) => [
    h('code', {}, t.topic),
    String(t.depth),
    t.depth > 0
      ? replay('Replay all', () => api.admin.replay(t.topic), (n) => `${n} message${n === 1 ? '' : 's'} of ${t.topic} replayed.`)
      : '',
  ]));
  const rows = messages.map((m) => [
    h('code', {}, m.topic),
    h('span', {}, m.event_type || '', h('br'), h('code', {class: 'small'}, m.event_id || '')),
    h('span', {class: 'error-text'}, m.error || ''),
    String(m.attempts ?? ''),
    m.parked_at ? time(m.parked_at) : '',
    h('details', {}, h('summary', {}, 'Payload'), h('pre', {}, m.payload ? JSON.stringify(m.payload, null, 2) : `not an event of this topic (base64): ${m.payload_base64 || ''}`)),
    // replays go in turn, oldest first per partition (ADR 13): only that one can go alone
    m.replayable
      ? replay('Replay message', () => api.admin.replay(m.topic, m.partition, m.offset), () => `Message ${m.topic}/${m.partition}@${m.offset} replayed.`)
      : h('span', {class: 'small'}, 'after the older ones'),
  ]);
  return [
    error,
    depths,
    messages.length
      ? table('Parked messages, oldest first', ['Topic', 'Event', 'Error', 'Attempts', 'Parked', 'Payload', 'Actions'], rows)
      : h('p', {}, 'No message is parked.'),
  ];
}

const PROBLEM_HINT = 'Each row is an intent, payment or order where the three disagree.';

export async function reconciliationPage({go, params, nav}) {
  const days = Number(params.get('days')) || 7;
  const field = h('input', {id: 'recon-days', name: 'days', type: 'number', min: 1, max: 90, value: days, class: 'qty'});
  const form = h('form', {class: 'filters', 'aria-label': 'Window'},
    h('label', {for: 'recon-days'}, 'Last (days)'), field, h('button', {type: 'submit'}, 'Compare'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(`/admin/reconciliation?days=${encodeURIComponent(field.value || 7)}`);
  });
  const body = area('Comparing Stripe, the orders and the stock…');
  show(h('h1', {}, 'Reconciliation'), nav, form, body);
  try {
    const report = await api.admin.reconciliation(days);
    const rows = report.rows.filter((r) => r.problems && r.problems.length);
    fill(
      body,
      h('p', {class: 'recon-summary'}, `${report.intents} Stripe intents and ${report.orders} orders from ${new Date(report.from).toLocaleDateString()} to ${new Date(report.to).toLocaleDateString()}: `,
        h('strong', {}, report.differences === 0 ? 'no differences.' : `${report.differences} difference${report.differences === 1 ? '' : 's'}.`)),
      rows.length ? h('p', {class: 'info'}, PROBLEM_HINT) : null,
      rows.length
        ? table('Differences', ['Stripe intent', 'Order', 'Stripe', 'Payment', 'Order status', 'Stock', 'Problems'], rows.map((r) => [
          h('code', {}, r.provider_payment_id || '—'),
          r.order_id ? h('a', {href: `/admin/orders/${r.order_id}`}, shortId(r.order_id)) : '—',
          `${r.stripe_status || '—'} ${r.stripe_amount ? money(r.stripe_amount) : ''}`,
          r.payment_status || '—',
          r.order_status || '—',
          r.stock_status || '—',
          h('ul', {class: 'problems'}, r.problems.map((p) => h('li', {}, typeof p === 'string' ? p : (p.words || p.message || p.code)))),
        ]))
        : null,
    );
  } catch (error) {
    failed(body, error);
  }
}
