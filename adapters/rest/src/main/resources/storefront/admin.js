// /admin: the operator console's door. The console itself comes later; what it will show is
// guarded by the API (admin-only routes answer 403 to anyone else), this page only says so.
import {api} from './api.js';
import {h, show} from './dom.js';
import * as session from './session.js';
import {describeError} from './words.js';

export async function adminPage() {
  if (!session.current()) {
    show(
      h('h1', {}, 'Admins only'),
      h('p', {}, 'The operator console is for administrators. ', h('a', {href: '/login?next=/admin'}, 'Log in with an admin account'), '.'),
    );
    return;
  }
  let me;
  try {
    me = await api.me();
    session.setUser(me);
  } catch (error) {
    show(h('h1', {}, 'Admins only'), h('p', {class: 'error', role: 'alert'}, describeError(error)));
    return;
  }
  if (me.role !== 'admin') {
    show(
      h('h1', {}, 'Admins only'),
      h('p', {class: 'error', role: 'alert'}, `You are logged in as ${me.email}, a customer account. The operator console is for administrators only.`),
      h('p', {}, h('a', {href: '/'}, 'Back to the shop')),
    );
    return;
  }
  show(
    h('h1', {}, 'Operator console'),
    h('p', {}, `Logged in as ${me.email} (admin).`),
    h('p', {}, 'The console (products, stock, orders, payments, dead letters) is not built yet. Meanwhile the whole API is at ', h('a', {href: '/docs'}, '/docs'), '.'),
  );
}
