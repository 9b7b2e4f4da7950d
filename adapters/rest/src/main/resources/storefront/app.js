// The shop's router: one page for every path, links followed without reloading.
import {loginPage, logOut, signupPage} from './account.js';
import {adminPage} from './admin.js';
import * as cart from './cart.js';
import {productPage, productsPage} from './catalog.js';
import {checkoutPage} from './checkout.js';
import {h, notice} from './dom.js';
import {notificationsPage, orderPage, ordersPage} from './orders.js';
import * as session from './session.js';

const SIGNED_IN_ONLY = ['/checkout', '/orders', '/notifications'];
let visit = 0; // which navigation is current; pages that poll stop when it moves on

function go(path, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function route() {
  const mine = ++visit;
  const isCurrent = () => mine === visit;
  const {pathname, searchParams} = new URL(location.href);
  renderNav();
  document.getElementById('main').classList.toggle('wide', pathname === '/admin' || pathname.startsWith('/admin/'));
  const needsLogin = SIGNED_IN_ONLY.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (needsLogin && !session.current()) {
    go(`/login?next=${encodeURIComponent(pathname + location.search)}`, {replace: true});
    return;
  }
  const product = /^\/products\/([^/]+)$/.exec(pathname);
  const order = /^\/orders\/([^/]+)$/.exec(pathname);
  if (pathname === '/') productsPage(go, searchParams);
  else if (product) productPage(go, decodeURIComponent(product[1]), isCurrent);
  else if (pathname === '/cart') cart.cartPage(go);
  else if (pathname === '/checkout') checkoutPage(go, isCurrent);
  else if (pathname === '/login') loginPage(go, searchParams);
  else if (pathname === '/signup') signupPage(go, searchParams);
  else if (pathname === '/orders') ordersPage(go, searchParams);
  else if (order) orderPage(go, decodeURIComponent(order[1]), isCurrent);
  else if (pathname === '/notifications') notificationsPage();
  else if (pathname === '/admin' || pathname.startsWith('/admin/')) adminPage(go, pathname, searchParams, isCurrent);
  else go('/', {replace: true});
}

function renderNav() {
  const current = session.current();
  const here = location.pathname;
  const link = (href, label) =>
    h('li', {}, h('a', {href, 'aria-current': here === href ? 'page' : false}, label));
  const items = [link('/', 'Products'), link('/cart', `Cart (${cart.count()})`)];
  if (current) {
    items.push(link('/orders', 'Orders'), link('/notifications', 'Messages'));
    if (current.user?.role === 'admin') items.push(link('/admin', 'Console'));
    items.push(
      h(
        'li',
        {},
        h('button', {type: 'button', class: 'link', onclick: () => logOut(go)}, `Log out${current.user ? ` ${current.user.name}` : ''}`),
      ),
    );
  } else {
    items.push(link('/login', 'Log in'), link('/signup', 'Sign up'));
  }
  document.getElementById('nav').replaceChildren(...items);
}

// links inside the shop change the page without a reload; the rest (e.g. /docs) load normally
document.addEventListener('click', (event) => {
  const a = event.target.closest('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || a.target) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/docs') || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  notice('');
  go(url.pathname + url.search);
});

window.addEventListener('popstate', route);
cart.onChange(renderNav);
session.onChange((now) => {
  renderNav();
  // logged out elsewhere (or the session could not be renewed): leave pages that need it
  if (!now && SIGNED_IN_ONLY.some((p) => location.pathname.startsWith(p))) {
    go(`/login?expired=1&next=${encodeURIComponent(location.pathname)}`, {replace: true});
  }
});

route();
