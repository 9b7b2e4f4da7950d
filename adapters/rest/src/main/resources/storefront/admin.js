// /admin: the operator console. The page only shows what the admin API answers; the API itself
// refuses (403) anyone who is not an admin, so this door is a courtesy, not the guard.
import {adminCatalogPage} from './admin-catalog.js';
import {deadLettersPage, reconciliationPage} from './admin-ops.js';
import {adminOrderPage, adminOrdersPage, stuckSagasPage} from './admin-orders.js';
import {api} from './api.js';
import {h, show} from './dom.js';
import * as session from './session.js';
import {describeError} from './words.js';

const SECTIONS = [
  ['/admin', 'Orders'],
  ['/admin/stuck', 'Stuck sagas'],
  ['/admin/dead-letters', 'Dead letters'],
  ['/admin/reconciliation', 'Reconciliation'],
  ['/admin/products', 'Products and stock'],
];

export async function adminPage(go, pathname, params, isCurrent) {
  if (!session.current()) {
    show(
      h('h1', {}, 'Admins only'),
      h('p', {}, 'The operator console is for administrators. ', h('a', {href: `/login?next=${encodeURIComponent(pathname)}`}, 'Log in with an admin account'), '.'),
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
  if (!isCurrent()) return;
  const page = {go, params, isCurrent, nav: sectionNav(pathname)};
  const order = /^\/admin\/orders\/([^/]+)$/.exec(pathname);
  if (order) await adminOrderPage(page, decodeURIComponent(order[1]));
  else if (pathname === '/admin/stuck') await stuckSagasPage(page);
  else if (pathname === '/admin/dead-letters') await deadLettersPage(page);
  else if (pathname === '/admin/reconciliation') await reconciliationPage(page);
  else if (pathname === '/admin/products') await adminCatalogPage(page);
  else await adminOrdersPage(page);
}

/** The console's own menu, under the shop's: which part of the console this is. */
function sectionNav(pathname) {
  const here = pathname.startsWith('/admin/orders/') ? '/admin' : pathname;
  return h(
    'nav',
    {'aria-label': 'Console', class: 'console-nav'},
    h('ul', {}, SECTIONS.map(([href, label]) =>
      h('li', {}, h('a', {href, 'aria-current': here === href ? 'page' : false}, label)))),
  );
}
