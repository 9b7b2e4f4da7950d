// The console's catalog: add products, change their name and price, count the stock, retire them.
import {area, failed, fill} from './admin-view.js';
import {api} from './api.js';
import {action, errorBox, h, money, notice, setError, show} from './dom.js';
import {describeError} from './words.js';

const PAGE_SIZE = 50;
const CURRENCY = 'EUR';

/** "12.50" -> 1250 minor units; null when it is not an amount. */
function minorUnits(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0'));
}

export async function adminCatalogPage({params, nav}) {
  const list = area('Loading products…');
  show(h('h1', {}, 'Products and stock'), nav, newProductForm(() => load()), h('h2', {}, 'Catalog'), list);
  const load = async () => {
    try {
      const page = await api.products({pageSize: PAGE_SIZE, pageToken: params.get('page_token') || undefined});
      const stocks = await Promise.all(page.products.map((p) => api.stock(p.id).catch(() => null)));
      fill(
        list,
        page.products.length
          ? h('ul', {class: 'orders', 'aria-label': 'Products'}, page.products.map((p, i) => productEditor(p, stocks[i], load)))
          : h('p', {}, 'No products yet.'),
        page.next_page_token ? h('p', {class: 'pager'}, h('a', {href: `/admin/products?page_token=${encodeURIComponent(page.next_page_token)}`}, 'More products')) : null,
      );
    } catch (error) {
      failed(list, error);
    }
  };
  await load();
}

function newProductForm(reload) {
  const name = h('input', {id: 'new-name', required: true, maxlength: 200});
  const description = h('textarea', {id: 'new-description', rows: 2, maxlength: 2000});
  const price = h('input', {id: 'new-price', required: true, inputmode: 'decimal', placeholder: '12.50'});
  const stock = h('input', {id: 'new-stock', type: 'number', min: 0, value: 0, class: 'qty'});
  const error = errorBox();
  const form = h(
    'form',
    {class: 'stack', 'aria-labelledby': 'new-heading'},
    h('h2', {id: 'new-heading'}, 'Add a product'),
    h('label', {for: 'new-name'}, 'Name'), name,
    h('label', {for: 'new-description'}, 'Description'), description,
    h('label', {for: 'new-price'}, `Price (${CURRENCY})`), price,
    h('label', {for: 'new-stock'}, 'Units on hand'), stock,
    error,
    h('button', {type: 'submit'}, 'Add product'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const amount = minorUnits(price.value);
    if (amount === null || amount <= 0) {
      setError(error, 'Please check the price: an amount like 12.50.');
      return;
    }
    setError(error, '');
    try {
      const created = await api.admin.createProduct({
        name: name.value.trim(),
        description: description.value.trim(),
        price: {amount, currency: CURRENCY},
        initial_stock: Number(stock.value) || 0,
      });
      notice(`${created.name} added.`, 'success');
      form.reset();
      await reload();
    } catch (e) {
      setError(error, describeError(e));
    }
  });
  return form;
}

function productEditor(product, stock, reload) {
  const id = product.id;
  const name = h('input', {id: `name-${id}`, value: product.name, maxlength: 200});
  const price = h('input', {id: `price-${id}`, value: (product.price.amount / 100).toFixed(2), inputmode: 'decimal', class: 'qty'});
  const onHand = h('input', {id: `stock-${id}`, type: 'number', min: 0, value: stock ? stock.on_hand : '', class: 'qty'});
  const error = errorBox();
  const run = async (call, done) => {
    setError(error, '');
    try {
      await call();
      notice(done, 'success');
      await reload();
    } catch (e) {
      setError(error, describeError(e, {invalidState: 'Not possible: more units than that are reserved by open orders.'}));
    }
  };
  return h(
    'li',
    {class: 'card', 'data-product-id': id},
    h('h3', {}, product.name, ' ', h('span', {class: 'price'}, money(product.price))),
    stock ? h('p', {class: 'info'}, `${stock.on_hand} on hand, ${stock.reserved} reserved, ${stock.available} available`) : null,
    h('p', {class: 'filters'},
      h('label', {for: `name-${id}`}, 'Name'), name,
      h('label', {for: `price-${id}`}, 'Price'), price,
      action('Save', () => {
        const amount = minorUnits(price.value);
        if (amount === null || amount <= 0) {
          setError(error, 'Please check the price: an amount like 12.50.');
          return Promise.resolve();
        }
        return run(() => api.admin.updateProduct(id, {name: name.value.trim(), price: {amount, currency: product.price.currency}}), `${name.value.trim()} saved.`);
      }, {'aria-label': `Save ${product.name}`})),
    h('p', {class: 'filters'},
      h('label', {for: `stock-${id}`}, 'Units on hand'), onHand,
      action('Set stock', () => run(() => api.admin.setStock(id, Number(onHand.value)), `Stock of ${product.name} set to ${onHand.value}.`), {'aria-label': `Set stock of ${product.name}`}),
      action('Remove', () => run(() => api.admin.deleteProduct(id), `${product.name} removed from the catalog.`), {class: 'secondary', 'aria-label': `Remove ${product.name}`})),
    error,
  );
}
