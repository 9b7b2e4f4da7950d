// What the console's pages share: tables, loading areas, errors in words.
import {h} from './dom.js';
import {describeError} from './words.js';

/** A table with a caption and column headers, for screen readers as much as for eyes. */
export function table(caption, headers, rows) {
  return h(
    'div',
    {class: 'table-wrap'},
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', {scope: 'col'}, text)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))),
    ),
  );
}

/** A loading area that a page fills in, or shows the API's refusal in words. */
export function area(text) {
  return h('div', {'aria-busy': 'true'}, h('p', {}, text));
}

export function fill(box, ...children) {
  box.removeAttribute('aria-busy');
  box.replaceChildren(...children.flat().filter(Boolean));
}

export function failed(box, error, context) {
  fill(box, h('p', {class: 'error', role: 'alert'}, describeError(error, context)));
}
