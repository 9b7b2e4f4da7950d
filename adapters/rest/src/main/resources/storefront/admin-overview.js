// The console's front panel: is the shop taking orders, how fast, and is anything piling up.
import {failed, fill, table} from './admin-view.js';
import {api} from './api.js';
import {h} from './dom.js';

const number = (value, unit = '') => (value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10}${unit}`);

/** The overview into {@code box}; a service that did not answer is named, not hidden. */
export async function overview(box) {
  try {
    const o = await api.admin.overview();
    const minutes = o.orders_per_minute || [];
    const last5 = minutes.slice(-5);
    const sum = (key) => last5.reduce((total, m) => total + m[key], 0);
    fill(
      box,
      h('ul', {class: 'summary', 'aria-label': 'Overview'},
        h('li', {}, h('span', {}, 'Orders in the last 5 minutes'), h('span', {}, minutes.length ? `${sum('created')} placed, ${sum('paid')} paid, ${sum('failed')} failed` : 'the order service did not answer')),
        h('li', {}, h('span', {}, 'Placing an order (gateway)'), h('span', {}, `p50 ${number(o.order_latency_ms.p50, ' ms')}, p99 ${number(o.order_latency_ms.p99, ' ms')} (${o.order_latency_ms.count} answer${o.order_latency_ms.count === 1 ? '' : 's'})`)),
        h('li', {}, h('span', {}, 'Parked in dead-letter topics'), h('span', {class: o.dead_letters.depth ? 'error' : ''}, o.dead_letters.reachable ? String(o.dead_letters.depth) : 'not known (no answer)')),
      ),
      table('Services', ['Service', 'Outbox waiting', 'Oldest in outbox', 'Consumer lag'], o.services.map((s) => [
        s.service,
        s.reachable ? number(s.outbox_pending) : h('span', {class: 'error'}, 'no answer'),
        s.reachable ? number(s.outbox_oldest_age_seconds, ' s') : '—',
        s.reachable && s.consumer_lag ? s.consumer_lag.map((c) => `${c.consumer}: ${number(c.lag)}`).join(', ') || 'no consumers' : '—',
      ])),
    );
  } catch (error) {
    failed(box, error);
  }
}
