// JavaScript failure cases, shared by the browser page and the Node runner.
// Each returns the error it caught, so that its real `stack` can be recorded.

class Cart {
  constructor(items) {
    this.items = items;
  }
  total() {
    return this.items.reduce((sum, item) => sum + item.price.amount, 0); // site:js_class_method
  }
}

function callMissing(handlers) {
  return handlers.onMissing("x"); // site:js_type_error
}

function viaEval() {
  return eval("(function evaluated() { throw new Error('from eval'); })()"); // site:js_eval
}

async function loadUser(id) {
  await Promise.resolve();
  throw new Error(`user ${id} not found`); // site:js_async
}

function recurseForever(n) {
  return recurseForever(n + 1) + 1; // site:js_overflow
}

function capture(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

export const jsCases = {
  js_type_error: () => capture(() => callMissing({})),
  js_class_method: () => capture(() => new Cart([{ price: null }]).total()),
  js_eval: () => capture(() => viaEval()),
  js_overflow: () => capture(() => recurseForever(0)),
  js_async: () => loadUser(42).then(() => null, (error) => error),
};

export function describe(error) {
  if (error === null || error === undefined) return null;
  return { name: String(error.name), message: String(error.message), stack: String(error.stack) };
}
