/*
 * The local Stripe emulator's stand-in for Stripe.js v3: only what OrderPay's storefront calls.
 *   const stripe = Stripe('pk_test_...');
 *   const elements = stripe.elements({clientSecret});
 *   elements.create('payment').mount('#payment-element');   // a labelled choice of test cards
 *   const {error, paymentIntent} = await stripe.confirmPayment({elements, redirect: 'if_required'});
 * confirmPayment confirms the intent through this emulator's API with the publishable key and the
 * client secret, as Stripe.js does: a form POST with the key in the body (no preflight), from the
 * shop's page, which the emulator must name as an allowed browser origin.
 * It is not Stripe.js: no iframes, no card numbers, no 3-D Secure challenge (an intent that asks for
 * it resolves as requires_action, and the shop's order page completes it through the API).
 */
(function () {
  'use strict';
  var API = new URL(document.currentScript.src).origin;
  var CARDS = [
    {id: 'pm_card_visa', label: 'Visa', hint: 'succeeds'},
    {id: 'pm_card_chargeDeclined', label: 'Declined card', hint: 'the bank declines it'},
    {id: 'pm_card_chargeDeclinedInsufficientFunds', label: 'Insufficient funds', hint: 'declined for lack of funds'},
    {id: 'pm_card_threeDSecure2Required', label: '3-D Secure card', hint: 'the bank asks to confirm'},
  ];

  function node(tag, attributes, children) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === true) el.setAttribute(name, '');
      else if (value !== false && value != null) el.setAttribute(name, String(value));
    });
    (children || []).forEach(function (child) {
      el.append(child);
    });
    return el;
  }

  function paymentElement(state) {
    var mounted = null;
    return {
      mount: function (target) {
        var host = typeof target === 'string' ? document.querySelector(target) : target;
        if (!host) throw new Error('Stripe stand-in: nothing to mount the Payment Element in');
        var choices = CARDS.map(function (card, i) {
          var id = 'stripe-stand-in-' + card.id;
          return node('div', {class: 'card-choice'}, [
            node('input', {type: 'radio', name: 'stripe-stand-in-card', id: id, value: card.id, checked: i === 0}),
            node('label', {for: id}, [node('strong', {}, [card.label]), ' – ' + card.hint]),
          ]);
        });
        mounted = node('fieldset', {class: 'cards', 'data-stripe-stand-in': 'payment'}, [
          node('legend', {}, ["Card (the Stripe emulator's stand-in for the Payment Element: test cards only)"]),
        ].concat(choices));
        host.replaceChildren(mounted);
        state.chosen = function () {
          var checked = mounted.querySelector('input:checked');
          return checked ? checked.value : null;
        };
        return this;
      },
      unmount: function () {
        if (mounted) mounted.remove();
        mounted = null;
        state.chosen = function () { return null; };
      },
      on: function () { return this; },
    };
  }

  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    if (typeof publishableKey !== 'string' || publishableKey.indexOf('pk_') !== 0) {
      throw new Error('Stripe stand-in: a publishable key (pk_...) is needed');
    }
    this._key = publishableKey;
  }

  Stripe.prototype.elements = function (options) {
    var clientSecret = options && options.clientSecret;
    if (typeof clientSecret !== 'string' || clientSecret.indexOf('_secret_') < 0) {
      throw new Error('Stripe stand-in: elements() needs the PaymentIntent client secret');
    }
    var state = {clientSecret: clientSecret, chosen: function () { return null; }};
    return {
      _state: state,
      create: function (type) {
        if (type !== 'payment') throw new Error('Stripe stand-in: only the Payment Element is here, not ' + type);
        return paymentElement(state);
      },
    };
  };

  Stripe.prototype.confirmPayment = function (options) {
    var state = options && options.elements && options.elements._state;
    if (!state) return Promise.resolve({error: {type: 'validation_error', message: 'The payment form is missing.'}});
    var paymentMethod = state.chosen();
    if (!paymentMethod) {
      return Promise.resolve({error: {type: 'validation_error', message: 'Choose a card.'}});
    }
    var intentId = state.clientSecret.split('_secret_')[0];
    var body = new URLSearchParams({key: this._key, client_secret: state.clientSecret, payment_method: paymentMethod});
    return fetch(API + '/v1/payment_intents/' + encodeURIComponent(intentId) + '/confirm', {method: 'POST', body: body})
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) {
            var error = (json && json.error) || {};
            return {error: Object.assign({type: 'api_error', message: 'The payment could not be confirmed.'}, error)};
          }
          return {paymentIntent: json};
        });
      })
      .catch(function () {
        return {error: {type: 'api_connection_error', message: 'We could not reach the payment service. Please try again.'}};
      });
  };

  window.Stripe = Stripe;
})();
