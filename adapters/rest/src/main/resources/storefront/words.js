// What the API's codes mean, in words a customer reads. Nothing here shows raw JSON.

const FIELDS = {
  email: 'email address',
  password: 'password',
  name: 'name',
  shipping_address: 'shipping address',
  payment_method: 'card',
  quantity: 'quantity',
  items: 'cart',
  q: 'search',
};

/** An API error ({code, message, details} and the HTTP status) as a sentence. */
export function describeError(error, context = {}) {
  const details = error.details || {};
  switch (error.code) {
    case 'network':
      return 'The shop cannot be reached. Check your connection and try again.';
    case 'unauthenticated':
      return context.login
        ? 'That email address and password do not match an account.'
        : 'Your session has ended. Please log in again.';
    case 'forbidden':
      return 'Your account is not allowed to do that.';
    case 'not_found':
      return context.what ? `This ${context.what} does not exist (or is not yours).` : 'Not found.';
    case 'email_taken':
      return 'An account with this email address exists already. Log in instead?';
    case 'insufficient_stock':
      return insufficientStock(details, context.names || {});
    case 'too_many_open_orders':
      return 'You have too many unpaid orders open. Pay for or cancel one of them first.';
    case 'invalid_state':
      return context.invalidState || 'That is no longer possible: things changed meanwhile.';
    case 'idempotency_key_reused':
      return 'This checkout was already sent with a different cart. Please reload and try again.';
    case 'rate_limited': {
      const seconds = Number(details.retry_after_seconds || error.retryAfter || 0);
      return seconds > 0
        ? `Too many attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`
        : 'Too many attempts. Please wait a moment and try again.';
    }
    case 'payload_too_large':
      return 'That is too much text. Please shorten it.';
    case 'unavailable':
      return 'The shop is briefly unavailable. Please try again in a moment.';
    case 'invalid_request': {
      const field = FIELDS[details.field];
      // the API's messages are plain English sentences ("password must be at least 8 characters")
      const said = error.message ? sentence(error.message) : '';
      return field ? `Please check the ${field}: ${said}` : `That was not accepted: ${said}`;
    }
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

function insufficientStock(details, names) {
  const lines = Object.entries(details).map(([productId, text]) => {
    const match = /requested=(\d+),available=(\d+)/.exec(String(text));
    const name = names[productId] || 'one item';
    if (!match) return `${name} is not available in that quantity`;
    const available = Number(match[2]);
    return available === 0
      ? `${name} is sold out`
      : `only ${available} of ${name} ${available === 1 ? 'is' : 'are'} left (you asked for ${match[1]})`;
  });
  return lines.length
    ? `Not enough stock: ${lines.join('; ')}.`
    : 'Not enough stock for your cart.';
}

function sentence(text) {
  const trimmed = String(text).trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export const ORDER_STATUS = {
  PENDING: 'Awaiting payment',
  PAID: 'Paid',
  FAILED: 'Payment failed',
  CANCELLED: 'Cancelled',
  REFUNDED: 'Refunded',
};

export const PAYMENT_STATUS = {
  PENDING: 'being processed',
  REQUIRES_ACTION: 'waiting for your bank’s confirmation (3-D Secure)',
  SUCCEEDED: 'paid',
  FAILED: 'declined',
  CANCELLED: 'cancelled',
  REFUNDED: 'refunded',
};

/** Why an order failed or was refunded, from its failure_reason. */
export function failureReason(reason) {
  switch (reason) {
    case undefined:
    case null:
    case '':
      return '';
    case 'generic_decline':
    case 'card_declined':
      return 'Your card was declined by the bank.';
    case 'insufficient_funds':
      return 'Your card was declined: insufficient funds.';
    case 'payment_expired':
      return 'The payment was not completed in time, so the order lapsed.';
    case 'out_of_stock':
      return 'The items sold out before your payment went through, so your money was refunded.';
    default:
      return `The payment did not go through (${reason.replaceAll('_', ' ')}).`;
  }
}

export const TEMPLATES = {
  welcome: 'Welcome',
  order_confirmation: 'Order confirmation',
  payment_succeeded: 'Payment received',
  payment_failed: 'Payment failed',
  order_cancelled: 'Order cancelled',
  order_refunded: 'Refund issued',
};

export const NOTIFICATION_STATUS = {PENDING: 'queued', SENT: 'sent', FAILED: 'could not be sent'};

/** Stripe's test payment methods that the card picker offers (server-side confirmation). */
export const TEST_CARDS = [
  {id: 'pm_card_visa', label: 'Visa ending 4242', hint: 'the payment succeeds'},
  {id: 'pm_card_chargeDeclined', label: 'Visa ending 0002', hint: 'declined by the bank'},
  {
    id: 'pm_card_chargeDeclinedInsufficientFunds',
    label: 'Visa ending 9995',
    hint: 'declined: insufficient funds',
  },
  {
    id: 'pm_card_threeDSecure2Required',
    label: 'Visa ending 3220',
    hint: 'asks for 3-D Secure confirmation',
  },
];
