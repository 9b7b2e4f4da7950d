// Sign up, log in, log out.
import {api} from './api.js';
import {errorBox, h, notice, setError, show} from './dom.js';
import * as session from './session.js';
import {describeError} from './words.js';

/** Only paths of this shop: a ?next= from elsewhere must not send the customer away. */
function nextPath(params) {
  const next = params.get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function field(id, label, attrs) {
  return [h('label', {for: id}, label), h('input', {id, name: id, required: true, ...attrs})];
}

async function logInAs(email, password) {
  const tokens = await api.logIn(email, password);
  session.store(tokens, null);
  session.setUser(await api.me());
}

export function loginPage(go, params) {
  const error = errorBox();
  const form = h(
    'form',
    {class: 'stack', novalidate: true},
    ...field('email', 'Email address', {type: 'email', autocomplete: 'username'}),
    ...field('password', 'Password', {type: 'password', autocomplete: 'current-password'}),
    error,
    h('button', {type: 'submit'}, 'Log in'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !password) {
      setError(error, 'Enter your email address and your password.');
      return;
    }
    form.querySelector('button').disabled = true;
    try {
      await logInAs(email, password);
      notice(`Welcome back, ${session.current().user.name}.`, 'success');
      go(nextPath(params));
    } catch (e) {
      setError(error, describeError(e, {login: true}));
    } finally {
      form.querySelector('button').disabled = false;
    }
  });
  show(
    h('h1', {}, 'Log in'),
    params.get('expired') ? h('p', {class: 'error'}, 'Your session has ended. Please log in again.') : null,
    form,
    h('p', {}, 'New here? ', h('a', {href: `/signup?next=${encodeURIComponent(nextPath(params))}`}, 'Create an account'), '.'),
  );
}

export function signupPage(go, params) {
  const error = errorBox();
  const form = h(
    'form',
    {class: 'stack', novalidate: true},
    ...field('name', 'Your name', {type: 'text', autocomplete: 'name', maxlength: 200}),
    ...field('email', 'Email address', {type: 'email', autocomplete: 'email'}),
    ...field('password', 'Password (at least 8 characters)', {type: 'password', autocomplete: 'new-password', minlength: 8}),
    error,
    h('button', {type: 'submit'}, 'Create account'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!name || !email || !password) {
      setError(error, 'Fill in your name, email address and a password.');
      return;
    }
    if (password.length < 8) {
      setError(error, 'Choose a password of at least 8 characters.');
      return;
    }
    form.querySelector('button').disabled = true;
    try {
      await api.signUp(email, password, name);
      await logInAs(email, password);
      notice(`Welcome, ${name}. Your account is ready.`, 'success');
      go(nextPath(params));
    } catch (e) {
      setError(error, describeError(e));
    } finally {
      form.querySelector('button').disabled = false;
    }
  });
  show(
    h('h1', {}, 'Create an account'),
    form,
    h('p', {}, 'Have an account? ', h('a', {href: `/login?next=${encodeURIComponent(nextPath(params))}`}, 'Log in'), '.'),
  );
}

/**
 * Forgets the tokens in this browser. The API has no call that revokes a refresh token, so it stays
 * valid until it is used or expires (ORDERPAY_REFRESH_TOKEN_TTL).
 */
export function logOut(go) {
  go('/'); // first, so pages that need a session are not told it ended unexpectedly
  session.clear();
  notice('You are logged out.', 'success');
}
