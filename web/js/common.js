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
 * that differ from it are marked. A categorical code (`code.type` categorical) is drawn as its
 * symbols instead (symbolStrip).
 */
export function bitStrip(hex, bits, compareTo = null, code = null) {
  if (isCategorical(code)) return symbolStrip(hex, code, compareTo);
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

/** "64 bits", or "32 symbols × 4 classes, 64 bits" for a categorical code: what a response's code is. */
export function codeSize(response) {
  return isCategorical(response.code)
    ? `${response.code.groups} symbols × ${response.code.classes} classes, ${response.bits} bits`
    : `${response.bits} bits`;
}

/** Whether `code` (the API's code object, or null) is categorical. */
export function isCategorical(code) {
  return Boolean(code && code.type === 'categorical');
}

/** The class of each group of a categorical code: log2(classes) bits per group, least significant first. */
export function hexToClasses(hex, code) {
  const w = Math.log2(code.classes);
  const bits = hexToBits(hex, code.groups * w);
  const out = new Array(code.groups).fill(0);
  for (let g = 0; g < code.groups; g++) {
    for (let j = 0; j < w; j++) out[g] |= bits[g * w + j] << j;
  }
  return out;
}

/**
 * A categorical code drawn as its m symbols, 16 to a row: each a cell coloured by its class and
 * showing the class number; with `compareTo`, symbols whose class differs from it are marked.
 */
export function symbolStrip(hex, code, compareTo = null) {
  const classes = hexToClasses(hex, code);
  const other = compareTo ? hexToClasses(compareTo, code) : null;
  const perRow = Math.min(16, code.groups);
  const rows = Math.ceil(code.groups / perRow);
  const cell = 22;
  const gap = 2;
  const strip = svg('svg', {
    class: 'bits symbols',
    viewBox: `0 0 ${perRow * cell} ${rows * (cell + gap)}`,
    width: perRow * cell,
    height: rows * (cell + gap),
    role: 'img',
    'aria-label': `${code.groups} symbols of ${code.classes} classes: ${classes.join(' ')}`,
    'data-groups': code.groups,
  });
  strip.appendChild(svg('title', {}, `${code.groups} groups × ${code.classes} classes: ${classes.join(' ')}`));
  classes.forEach((c, g) => {
    const x = (g % perRow) * cell;
    const y = Math.floor(g / perRow) * (cell + gap);
    const cls = ['symbol'];
    if (other && other[g] !== c) cls.push('diff');
    strip.appendChild(svg('rect', {
      class: cls.join(' '), x, y, width: cell - gap, height: cell - gap,
      fill: `hsl(${Math.round((360 * c) / code.classes)}, 55%, 78%)`,
    }));
    strip.appendChild(svg('text', { x: x + (cell - gap) / 2, y: y + cell / 2 + 2, 'text-anchor': 'middle', class: 'symbol-class' }, String(c)));
  });
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
export function hitItem(hit, { queryCode = null, bits = null, code = null, labelHref = null } = {}) {
  const distanceTitle = isCategorical(code) ? 'symbol distance: groups whose classes differ' : 'Hamming distance';
  const badge = hit.distance !== null && hit.distance !== undefined
    ? el('span', { class: 'badge distance', title: distanceTitle }, `d = ${hit.distance}`)
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
    hit.code_hex && bits ? bitStrip(hit.code_hex, bits, queryCode, code) : null);
}
