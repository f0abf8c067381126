// Shared helpers of the semhash pages. Everything that comes from the server is put into the
// page as text (text nodes, textContent, attribute values we build): never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.toLowerCase().startsWith('on') || name === 'style') {
      throw new Error('refusing attribute ' + name); // handlers and inline styles are not used (CSP)
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** An API error with the server's {"error", "message"}. */
export class ApiError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

/** GET a JSON API path; throws ApiError for error statuses. */
export async function api(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, 'network', 'cannot reach the server');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const error = body && typeof body.error === 'string' ? body.error : 'http_' + response.status;
    const message = body && typeof body.message === 'string' ? body.message : 'request failed (' + response.status + ')';
    throw new ApiError(response.status, error, message);
  }
  return body;
}

/** The API path of a document; ids may hold '/', so each segment is encoded on its own. */
export function docApiPath(id) {
  return '/api/docs/' + String(id).split('/').map(encodeURIComponent).join('/');
}

/** The link to a document's page. */
export function docHref(id) {
  return 'doc.html?' + new URLSearchParams({ id }).toString();
}

/** The bits of a hex code: byte j holds bits 8j..8j+7, bit 8j least significant. */
export function hexToBits(hex, bits) {
  const out = new Uint8Array(bits);
  for (let i = 0; i < bits; i++) {
    const byte = parseInt(hex.substr(2 * (i >> 3), 2), 16);
    out[i] = Number.isNaN(byte) ? 0 : (byte >> (i & 7)) & 1;
  }
  return out;
}

/**
 * A code drawn as a strip of bits, 64 to a row: dark for 1, light for 0; with `compareTo`, bits
 * that differ from it are marked.
 */
export function bitStrip(hex, bits, compareTo = null) {
  const values = hexToBits(hex, bits);
  const other = compareTo ? hexToBits(compareTo, bits) : null;
  const perRow = Math.min(64, bits);
  const rows = Math.ceil(bits / perRow);
  const cell = 8;
  const gap = 1;
  const strip = svg('svg', {
    class: 'bits',
    viewBox: `0 0 ${perRow * cell} ${rows * (cell + gap)}`,
    width: perRow * cell,
    height: rows * (cell + gap),
    role: 'img',
    'aria-label': `${bits}-bit code ${hex}`,
    'data-bits': bits,
  });
  strip.appendChild(svg('title', {}, `${bits} bits: ${hex}`));
  for (let i = 0; i < bits; i++) {
    const cls = ['bit', values[i] ? 'b1' : 'b0'];
    if (other && other[i] !== values[i]) cls.push('diff');
    strip.appendChild(svg('rect', {
      class: cls.join(' '),
      x: (i % perRow) * cell,
      y: Math.floor(i / perRow) * (cell + gap),
      width: cell - gap,
      height: cell,
    }));
  }
  return strip;
}

/** A label chip: a link, marked when active. */
export function labelChip(label, href, active = false) {
  return el('a', { class: active ? 'chip active' : 'chip', href, 'data-label': label, 'aria-pressed': String(active) }, label);
}

/** Shows an error message in the page's #error box (or hides it with null). */
export function showError(error) {
  const box = document.getElementById('error');
  if (!box) return;
  if (!error) {
    box.hidden = true;
    clear(box);
    return;
  }
  clear(box).appendChild(document.createTextNode(error.message || String(error)));
  box.hidden = false;
}

/** One result (search hit or neighbour) as a list item. */
export function hitItem(hit, { queryCode = null, bits = null, labelHref = null } = {}) {
  const badge = hit.distance !== null && hit.distance !== undefined
    ? el('span', { class: 'badge distance', title: 'Hamming distance' }, `d = ${hit.distance}`)
    : el('span', { class: 'badge score', title: 'keyword score (BM25)' }, `score ${Number(hit.score).toFixed(2)}`);
  const labels = el('span', { class: 'chips small' },
    (hit.labels || []).map((l) => labelHref ? labelChip(l, labelHref(l)) : el('span', { class: 'chip' }, l)));
  const title = hit.title && hit.title.trim() ? hit.title : hit.id;
  return el('li', { class: 'hit', 'data-id': hit.id },
    el('div', { class: 'hit-head' },
      el('a', { class: 'hit-title', href: docHref(hit.id) }, title),
      badge),
    el('div', { class: 'hit-sub' }, el('span', { class: 'hit-id' }, hit.id), labels),
    el('p', { class: 'snippet' }, hit.snippet || ''),
    hit.code_hex && bits ? bitStrip(hit.code_hex, bits, queryCode) : null);
}
