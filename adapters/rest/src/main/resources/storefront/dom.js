// Building the page: elements from data, never HTML from strings, so no text can become markup.

/** h('a', {href: '/'}, 'Home'): an element; attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what the main area shows and moves focus to its heading (for screen readers). */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({preventScroll: true});
  }
  window.scrollTo(0, 0);
}

/** A short message in the live region: read out, and shown until the next one. */
export function notice(text, kind = 'info') {
  const box = document.getElementById('notice');
  box.className = text ? `notice ${kind}` : '';
  box.textContent = text || '';
}

/** An error paragraph for a form; role=alert so it is read out at once. */
export function errorBox() {
  return h('p', {class: 'error', role: 'alert', hidden: true});
}

export function setError(box, text) {
  box.textContent = text || '';
  box.hidden = !text;
}

/** 1234 EUR-cents -> "€12.34", in the reader's locale. */
export function money(m) {
  if (!m) return '';
  const digits = new Intl.NumberFormat('en', {style: 'currency', currency: m.currency})
      .resolvedOptions().maximumFractionDigits;
  return new Intl.NumberFormat(undefined, {style: 'currency', currency: m.currency})
      .format(m.amount / 10 ** digits);
}

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
}

export function time(iso) {
  return h('time', {datetime: iso}, when(iso));
}

/** The first block of a UUID: enough to tell orders apart on screen. */
export function shortId(id) {
  return id.split('-')[0];
}

/** A button that is disabled while its action runs, so a double click does it once. */
export function action(label, run, attrs = {}) {
  const button = h('button', {type: 'button', ...attrs}, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
