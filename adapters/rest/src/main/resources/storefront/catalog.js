// The product list (search, pages) and a product's page with its live availability.
import {api} from './api.js';
import * as cart from './cart.js';
import {errorBox, h, money, notice, setError, show} from './dom.js';
import {describeError} from './words.js';

const PAGE_SIZE = 12;

export async function productsPage(go, params) {
  const q = params.get('q') || '';
  const pageToken = params.get('page_token') || '';
  const pageSize = Math.min(Number(params.get('page_size')) || PAGE_SIZE, 100);
  const search = h('input', {id: 'search', type: 'search', name: 'q', value: q, maxlength: 100, autocomplete: 'off'});
  const form = h(
    'form',
    {role: 'search', class: 'search', action: '/'},
    h('label', {for: 'search'}, 'Search products'),
    search,
    h('button', {type: 'submit'}, 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(search.value.trim() ? `/?q=${encodeURIComponent(search.value.trim())}` : '/');
  });
  const results = h('div', {'aria-busy': 'true'}, h('p', {}, 'Loading products…'));
  show(h('h1', {}, q ? `Products matching “${q}”` : 'Products'), form, results);

  let page;
  try {
    page = await api.products({q, pageSize: params.get('page_size') ? pageSize : undefined, pageToken});
  } catch (error) {
    results.replaceChildren(h('p', {class: 'error', role: 'alert'}, describeError(error)));
    results.removeAttribute('aria-busy');
    return;
  }
  results.removeAttribute('aria-busy');
  if (!page.products.length) {
    results.replaceChildren(h('p', {}, q ? `No product matches “${q}”.` : 'No products yet.'));
    return;
  }
  const keep = (extra) => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    if (params.get('page_size')) next.set('page_size', String(pageSize));
    Object.entries(extra).forEach(([k, v]) => next.set(k, v));
    const text = next.toString();
    return text ? `/?${text}` : '/';
  };
  results.replaceChildren(
    h(
      'ul',
      {class: 'products', 'aria-label': 'Products'},
      page.products.map((p) =>
        h(
          'li',
          {class: 'card'},
          h('h2', {}, h('a', {href: `/products/${p.id}`}, p.name)),
          h('p', {class: 'price'}, money(p.price)),
          p.description ? h('p', {class: 'description'}, p.description) : null,
        ),
      ),
    ),
    h(
      'nav',
      {class: 'pager', 'aria-label': 'Pages'},
      pageToken ? h('a', {href: keep({})}, 'First page') : null,
      page.next_page_token ? h('a', {href: keep({page_token: page.next_page_token}), rel: 'next'}, 'Next page') : null,
    ),
  );
}

export async function productPage(go, id, isCurrent) {
  show(h('h1', {}, 'Product'), h('p', {'aria-busy': 'true'}, 'Loading…'));
  let product;
  try {
    product = await api.product(id);
  } catch (error) {
    show(h('h1', {}, 'Product'), h('p', {class: 'error', role: 'alert'}, describeError(error, {what: 'product'})));
    return;
  }
  const availability = h('p', {class: 'availability', 'aria-live': 'polite'}, 'Checking availability…');
  const quantity = h('input', {id: 'quantity', type: 'number', inputmode: 'numeric', min: 1, max: cart.MAX_QUANTITY, value: 1, class: 'qty'});
  const add = h('button', {type: 'submit'}, 'Add to cart');
  const error = errorBox();
  const form = h('form', {class: 'add'}, h('label', {for: 'quantity'}, 'Quantity'), quantity, add, error);
  let available = null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const n = Number(quantity.value);
    const inCart = cart.lines().find((l) => l.product_id === id)?.quantity || 0;
    if (!Number.isInteger(n) || n < 1 || n > cart.MAX_QUANTITY) {
      setError(error, `Choose a quantity from 1 to ${cart.MAX_QUANTITY}.`);
    } else if (available !== null && n + inCart > available) {
      setError(error, available - inCart > 0
        ? `Only ${available} available${inCart ? `, and ${inCart} already in your cart` : ''}.`
        : 'No more units are available for your cart.');
    } else {
      setError(error, '');
      cart.add(product, n);
      notice(`${n} × ${product.name} added to your cart.`, 'success');
    }
  });
  show(
    h('h1', {}, product.name),
    h('p', {class: 'price big'}, money(product.price)),
    product.description ? h('p', {class: 'description'}, product.description) : null,
    availability,
    form,
    h('p', {}, h('a', {href: '/cart'}, 'Go to your cart'), ' · ', h('a', {href: '/'}, 'All products')),
  );

  // live availability: asked again every few seconds while this page is open, read out on change
  const say = (text) => {
    if (availability.textContent !== text) availability.textContent = text;
  };
  const refresh = async () => {
    try {
      const stock = await api.stock(id);
      available = stock.available;
      say(stock.available > 0 ? `In stock: ${stock.available} available` : 'Out of stock');
      availability.className = `availability ${stock.available > 0 ? 'in' : 'out'}`;
      add.disabled = stock.available <= 0;
    } catch (error) {
      say(`Availability unknown: ${describeError(error, {what: 'product'})}`);
    }
  };
  await refresh();
  const timer = setInterval(() => (isCurrent() ? refresh() : clearInterval(timer)), 4000);
}
