// Stripe.js, loaded once from the URL the gateway names (GET /api/v1/storefront/config), the way
// Stripe asks: one <script src> in the page, never bundled or copied. The page's
// Content-Security-Policy lists that origin only when the gateway has a publishable key.

let loading = null;

/** Resolves to the Stripe constructor once Stripe.js has run. */
export function loadStripe(url) {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.addEventListener('load', () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('no Stripe'))));
      script.addEventListener('error', () => {
        loading = null; // a later checkout tries again
        script.remove();
        reject(new Error('Stripe.js could not be loaded'));
      });
      document.head.append(script);
    });
  }
  return loading;
}
