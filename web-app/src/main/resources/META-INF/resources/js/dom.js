// Small DOM helpers: elements are built with textContent, never innerHTML, so API data cannot inject markup.

/** h('div', {class: 'x', onclick: fn, dataset: {test: 'y'}}, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'class') el.className = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Shows an API refusal: the problem's title and detail, and each field's message. */
export function problemBox(error) {
  const errors = error?.errors || [];
  return h('div', { class: 'problem', role: 'alert', dataset: { test: 'problem' } },
    h('strong', {}, error?.title || 'Something went wrong'),
    // a validation problem's detail repeats its errors: each field once
    errors.length ? h('ul', {}, errors.map(v => h('li', {}, v.field ? `${v.field}: ${v.message}` : v.message)))
      : error?.detail ? h('div', {}, error.detail) : null);
}

/** Runs fn now and every ms while the returned stop() has not been called; one run at a time. */
export function every(ms, fn) {
  let stopped = false;
  let timer;
  const run = async () => {
    if (stopped) return;
    try { await fn(); } catch (e) { console.warn('poll failed', e); }
    if (!stopped) timer = setTimeout(run, ms);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}
