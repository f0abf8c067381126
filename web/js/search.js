// The search page: the URL holds the whole state (q, mode, rerank, k, offset, labels), so every link
// (chips, pages) is a plain link and the back button just works.
import { api, bitStrip, clear, codeSize, el, hitItem, labelChip, showError } from './common.js';
import { addWhyControl } from './explain.js';

const MAX_CHIPS = 30;
const MAX_WINDOW = 10000;

function readState() {
  const p = new URLSearchParams(location.search);
  const labels = (p.get('labels') || '').split(',').map((s) => s.trim()).filter(Boolean);
  const k = parseInt(p.get('k') || '10', 10);
  const offset = parseInt(p.get('offset') || '0', 10);
  return {
    q: (p.get('q') || '').trim(),
    mode: p.get('mode') || '',
    rerank: p.get('rerank') || '',
    k: Number.isFinite(k) && k > 0 ? k : 10,
    offset: Number.isFinite(offset) && offset >= 0 ? offset : 0,
    labels,
  };
}

function href(state, changes = {}) {
  const s = { ...state, ...changes };
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.mode) p.set('mode', s.mode);
  if (s.rerank) p.set('rerank', s.rerank);
  if (s.k !== 10) p.set('k', String(s.k));
  if (s.offset > 0) p.set('offset', String(s.offset));
  if (s.labels.length) p.set('labels', s.labels.join(','));
  const query = p.toString();
  return 'index.html' + (query ? '?' + query : '');
}

function toggled(labels, label) {
  return labels.includes(label) ? labels.filter((l) => l !== label) : [...labels, label];
}

function fillForm(state, stats) {
  document.getElementById('q').value = state.q;
  const mode = document.getElementById('mode');
  mode.value = state.mode;
  if (stats) {
    for (const option of mode.options) {
      if (option.value && !stats.modes.includes(option.value)) option.disabled = true;
    }
    mode.options[0].textContent = `default (${stats.default_mode})`;
  }
  const rerank = document.getElementById('rerank');
  rerank.value = state.rerank;
  if (stats && stats.reranks) {
    for (const option of rerank.options) {
      if (option.value && !stats.reranks.includes(option.value)) option.disabled = true;
    }
    rerank.options[0].textContent = `default order (${stats.default_rerank === 'asymmetric' ? 're-ranked' : 'Hamming'})`;
  }
  // a keyword-only server has no semantic ranking to re-rank
  rerank.hidden = Boolean(stats && !stats.modes.includes('semantic'));
  const k = document.getElementById('k');
  if (![...k.options].some((o) => o.value === String(state.k))) k.appendChild(el('option', {}, String(state.k)));
  k.value = String(state.k);
  // the labels filter travels with the form as a hidden field
  const form = document.getElementById('search-form');
  form.appendChild(el('input', { type: 'hidden', name: 'labels', value: state.labels.join(',') }));
}

function renderChips(state, stats) {
  const box = clear(document.getElementById('label-chips'));
  const counts = stats ? Object.entries(stats.labels || {}) : [];
  const shown = counts.slice(0, MAX_CHIPS).map(([label]) => label);
  for (const label of state.labels) if (!shown.includes(label)) shown.push(label);
  for (const label of shown) {
    const count = stats && stats.labels[label] !== undefined ? stats.labels[label] : null;
    const chip = labelChip(label, href(state, { labels: toggled(state.labels, label), offset: 0 }), state.labels.includes(label));
    if (count !== null) chip.appendChild(el('span', { class: 'count' }, String(count)));
    box.appendChild(chip);
  }
  if (state.labels.length) {
    box.appendChild(el('a', { class: 'chip clear', href: href(state, { labels: [], offset: 0 }) }, 'clear filter'));
  }
}

function renderPager(state, total) {
  const pager = clear(document.getElementById('pager'));
  const reachable = Math.min(total, MAX_WINDOW);
  const pages = Math.ceil(reachable / state.k);
  if (pages <= 1) return;
  const current = Math.floor(state.offset / state.k);
  const link = (page, text, cls) => el('a', {
    class: cls, href: href(state, { offset: page * state.k }), 'data-page': page,
    'aria-current': page === current && cls === 'page' ? 'page' : null,
  }, text);
  if (current > 0) pager.appendChild(link(current - 1, '‹ prev', 'prev'));
  const from = Math.max(0, current - 3);
  const to = Math.min(pages - 1, current + 3);
  for (let page = from; page <= to; page++) pager.appendChild(link(page, String(page + 1), 'page'));
  if (current < pages - 1 && (current + 1) * state.k + 1 <= MAX_WINDOW) pager.appendChild(link(current + 1, 'next ›', 'next'));
}

async function run(state) {
  const params = new URLSearchParams({ q: state.q, k: String(state.k), offset: String(state.offset) });
  if (state.mode) params.set('mode', state.mode);
  if (state.rerank) params.set('rerank', state.rerank);
  if (state.labels.length) params.set('labels', state.labels.join(','));
  const meta = document.getElementById('results-meta');
  meta.textContent = 'Searching…';
  const response = await api('/api/search?' + params.toString());
  const codeBox = clear(document.getElementById('query-code'));
  if (response.code_hex && response.bits) {
    codeBox.append(el('span', { class: 'code-label' }, `query code (${codeSize(response)}) `),
      el('code', { class: 'hex' }, response.code_hex), bitStrip(response.code_hex, response.bits, null, response.code));
    codeBox.hidden = false;
  } else {
    codeBox.hidden = true;
  }
  const first = response.results.length ? state.offset + 1 : 0;
  const last = state.offset + response.results.length;
  const how = response.rerank === 'asymmetric' ? `${response.mode}, re-ranked` : response.mode;
  meta.textContent = response.total === 0
    ? `No results · ${how} · ${response.took_ms.toFixed(1)} ms`
    : `${first}–${last} of ${response.total} · ${how} · ${response.took_ms.toFixed(1)} ms`;
  const list = clear(document.getElementById('results'));
  list.setAttribute('start', String(first || 1));
  const labelHref = (label) => href(state, { labels: toggled(state.labels, label), offset: 0 });
  for (const hit of response.results) {
    const item = list.appendChild(hitItem(hit, { queryCode: response.code_hex, bits: response.bits, code: response.code, labelHref }));
    if (response.code_hex && hit.code_hex) addWhyControl(item, state.q, hit.id); // codes mean a model: explainable
  }
  renderPager(state, response.total);
  document.body.dataset.ready = 'results';
}

async function main() {
  const state = readState();
  let stats = null;
  try {
    stats = await api('/api/stats');
  } catch (e) {
    stats = null; // the page still works without chips
  }
  fillForm(state, stats);
  renderChips(state, stats);
  if (!state.q) {
    document.body.dataset.ready = 'idle';
    document.getElementById('q').focus();
    return;
  }
  try {
    await run(state);
  } catch (e) {
    document.getElementById('results-meta').textContent = '';
    showError(e);
    document.body.dataset.ready = 'error';
  }
}

main();
