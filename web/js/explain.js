// Explanations: why a result matches (the "why?" view of a search hit) and what every bit means
// (the stats page's bit table and bit-health pictures). Words come from the server and are put in
// the page as text only.
import { api, clear, el, hexToBits, svg } from './common.js';

const CELL = 12;
const GAP = 2;
const PER_ROW = 32;

// A bit on (or off) in too few documents has no words to show.
function wordList(words) {
  return words.length ? words.map((w) => w.word).join(' ') : '—';
}

function bitWords(bit) {
  const on = (bit.on_words || bit.on || []).join(' ');
  const off = (bit.off_words || bit.off || []).join(' ');
  return `bit ${bit.bit}: on → ${on || '—'}; off → ${off || '—'}`;
}

/**
 * The two codes drawn one above the other, PER_ROW bits to a row: dark for 1, light for 0, shared
 * bits outlined in green, differing ones in orange. Hovering (or focusing) a bit shows its words
 * in `wordsBox`.
 */
function codePair(e, leftName, wordsBox) {
  const byBit = new Map();
  for (const b of e.shared) byBit.set(b.bit, { ...b, shared: true });
  for (const b of e.differing) byBit.set(b.bit, { ...b, shared: false });
  const left = hexToBits(e.left_code, e.bits);
  const right = hexToBits(e.right_code, e.bits);
  const label = 64;
  const groups = Math.ceil(e.bits / PER_ROW);
  const groupHeight = 2 * (CELL + GAP) + 8;
  const width = label + PER_ROW * (CELL + GAP);
  const root = svg('svg', {
    class: 'why-codes', viewBox: `0 0 ${width} ${groups * groupHeight}`, width, height: groups * groupHeight,
    role: 'img', 'aria-label': `${leftName} and result codes, ${e.shared.length} bits shared, ${e.differing.length} differ`,
  });
  const show = (bit) => {
    wordsBox.textContent = bitWords(bit);
    wordsBox.dataset.bit = String(bit.bit);
  };
  for (let g = 0; g < groups; g++) {
    const y0 = g * groupHeight;
    root.appendChild(svg('text', { x: 0, y: y0 + CELL - 2, class: 'why-row-label' }, leftName));
    root.appendChild(svg('text', { x: 0, y: y0 + 2 * CELL + GAP - 2, class: 'why-row-label' }, 'result'));
    for (let i = g * PER_ROW; i < Math.min(e.bits, (g + 1) * PER_ROW); i++) {
      const bit = byBit.get(i);
      const x = label + (i - g * PER_ROW) * (CELL + GAP);
      const cell = svg('g', {
        class: 'why-bit ' + (bit.shared ? 'shared' : 'differing'), 'data-bit': i, tabindex: 0,
        'aria-label': bitWords(bit),
      }, svg('title', {}, bitWords(bit)),
      svg('rect', { class: left[i] ? 'b1' : 'b0', x, y: y0, width: CELL, height: CELL }),
      svg('rect', { class: right[i] ? 'b1' : 'b0', x, y: y0 + CELL + GAP, width: CELL, height: CELL }));
      cell.addEventListener('mouseenter', () => show(bit));
      cell.addEventListener('focus', () => show(bit));
      root.appendChild(cell);
    }
  }
  return root;
}

// A differing bit says what each side is about: the left side's words, then the result's.
function differingItem(b, leftName) {
  const side = (on) => (on ? (b.on_words || b.on) : (b.off_words || b.off)) || [];
  const words = (list) => el('span', { class: 'why-words' }, list.length ? list.join(' ') : '—');
  return el('li', { 'data-bit': b.bit },
    el('span', { class: 'why-bit-no' }, `bit ${b.bit}`), ': ',
    el('span', { class: 'why-side' }, `${leftName} ${b.left ? 'on' : 'off'}`), ' ', words(side(b.left)),
    ' · ', el('span', { class: 'why-side' }, `result ${b.right ? 'on' : 'off'}`), ' ', words(side(b.right)));
}

// A shared bit: both on (its on words) or both off (its off words).
function sharedItem(b) {
  const words = (b.left ? (b.on_words || b.on) : (b.off_words || b.off)) || [];
  return el('li', { 'data-bit': b.bit },
    el('span', { class: 'why-bit-no' }, `bit ${b.bit}`), ` (both ${b.left ? 'on' : 'off'}): `,
    el('span', { class: 'why-words' }, words.length ? words.join(' ') : '—'));
}

/**
 * The explanation view for one result, in the order a person reads it: the result's words the
 * shared code predicts best, then the few bits that differ with their words, then the two codes
 * (hover a bit for its words), and the shared bits folded into one line that opens on demand.
 */
export function explanationView(e, leftName = 'query') {
  const wordsBox = el('p', { class: 'why-hover' }, 'Hover a bit to see its words.');
  const match = (e.match_words || []).map((w) => w.word);
  const differing = el('ul', { class: 'why-bits differing' }, e.differing.map((b) => differingItem(b, leftName)));
  const shared = el('details', { class: 'why-shared' },
    el('summary', {}, `${e.shared.length} shared bit${e.shared.length === 1 ? '' : 's'}`),
    el('ul', { class: 'why-bits shared' }, e.shared.map(sharedItem)));
  return el('div', { class: 'why-view' },
    el('p', { class: 'why-match' }, el('strong', {}, 'Close because of: '),
      el('span', { class: 'why-match-words' }, match.length ? match.join(' ') : '(no words of the result stand out)')),
    el('p', { class: 'why-summary' },
      `Hamming distance ${e.distance}: ${e.differing.length} of ${e.bits} bits differ` + (e.differing.length ? ':' : '.')),
    e.differing.length ? differing : null,
    codePair(e, leftName, wordsBox),
    wordsBox,
    shared);
}

/** Adds a "why?" toggle to a search hit that fetches and shows the explanation on demand. */
export function addWhyControl(item, query, id) {
  const button = el('button', { type: 'button', class: 'why-toggle', 'aria-expanded': 'false' }, 'why?');
  const box = el('div', { class: 'why-box', hidden: true });
  let loaded = false;
  button.addEventListener('click', async () => {
    const open = box.hidden;
    box.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open || loaded) return;
    loaded = true;
    box.appendChild(el('p', { class: 'meta' }, 'Explaining…'));
    try {
      const e = await api('/api/explain?' + new URLSearchParams({ q: query, id }).toString());
      clear(box).appendChild(explanationView(e));
      item.dataset.why = 'ready';
    } catch (err) {
      loaded = false;
      clear(box).appendChild(el('p', { class: 'error' }, err.message || String(err)));
    }
  });
  item.querySelector('.hit-head').appendChild(button);
  item.appendChild(box);
}

/** The table of every bit: on-rate, health, words when on (by weight and by Δp), words when off. */
export function bitTable(report) {
  const health = report.health;
  const dead = new Set(health ? health.dead : []);
  const redundantWith = new Map();
  for (const p of health ? health.redundant : []) {
    if (!redundantWith.has(p.j)) redundantWith.set(p.j, p.i);
  }
  const table = el('table', { class: 'bit-table' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'bit'), el('th', {}, 'on-rate'), el('th', {}, 'health'),
      el('th', {}, 'words when on (by weight = by Δ log p)'), el('th', {}, 'by Δ p'), el('th', {}, 'words when off'))));
  const body = el('tbody');
  for (const m of report.meanings) {
    const rate = health ? health.on_rate[m.bit] : null;
    let state = 'ok';
    if (dead.has(m.bit)) state = 'dead';
    else if (redundantWith.has(m.bit)) state = `repeats bit ${redundantWith.get(m.bit)}`;
    body.appendChild(el('tr', { class: state === 'ok' ? '' : 'unhealthy', 'data-bit': m.bit },
      el('td', {}, String(m.bit)),
      el('td', {}, rate === null ? '—' : (100 * rate).toFixed(1) + '%'),
      el('td', { class: 'bit-state' }, state),
      el('td', {}, wordList(m.on)),
      el('td', {}, wordList(m.on_by_probability)),
      el('td', {}, wordList(m.off))));
  }
  table.appendChild(body);
  return table;
}

/** The bits × bits correlation matrix as a heat map: blue positive, red negative, white 0. */
export function correlationMap(health) {
  const n = health.bits;
  const size = Math.max(3, Math.floor(384 / n));
  const pad = 24;
  const root = svg('svg', {
    class: 'chart-svg corr-map', viewBox: `0 0 ${n * size + pad} ${n * size + pad}`, role: 'img',
    'aria-label': `correlation of ${n} bits`,
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = health.correlation[i][j];
      const t = Math.round(255 * (1 - Math.min(1, Math.abs(r))));
      const fill = r >= 0 ? `rgb(${t},${t},255)` : `rgb(255,${t},${t})`;
      root.appendChild(svg('rect', { x: pad + j * size, y: pad + i * size, width: size, height: size, fill },
        svg('title', {}, `bits ${i} and ${j}: r = ${r.toFixed(3)}`)));
    }
  }
  root.appendChild(svg('text', { x: pad, y: 14 }, 'bit →'));
  return root;
}

/** Fetches the bit report, or null when the server has no model (409). */
export async function fetchBits(top = 10) {
  try {
    return await api('/api/bits?top=' + top);
  } catch (e) {
    if (e.status === 409) return null;
    throw e;
  }
}
