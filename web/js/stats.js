// The stats page: figures and pictures from /api/stats; anything absent is said, not drawn.
import { api, clear, el, showError } from './common.js';
import { barChart, hbarChart, lineChart } from './charts.js';
import { bitTable, correlationMap, fetchBits } from './explain.js';

function card(label, value, id) {
  return el('div', { class: 'card', id }, el('div', { class: 'card-value' }, value), el('div', { class: 'card-label' }, label));
}

// Mean NPMI of the bits' top words as shown, beside random frequent words (the baseline).
function coherenceCard(c) {
  const shown = c && isNumber(c.contrast) ? c.contrast.toFixed(3) : '—';
  const baseline = c && isNumber(c.random_frequent) ? ` (random words ${c.random_frequent.toFixed(3)})` : '';
  return card(`bit words' coherence, NPMI${baseline}`, shown, 'card-coherence');
}

function absent(figureId, message) {
  const fig = document.getElementById(figureId);
  fig.appendChild(el('p', { class: 'absent' }, message));
  fig.classList.add('empty');
}

function draw(figureId, chart) {
  document.getElementById(figureId).appendChild(chart);
}

function isNumber(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

function renderTraining(training) {
  const epochs = (training || []).filter((e) => e && isNumber(e.epoch));
  if (!epochs.length) {
    absent('chart-training', 'No training history (no model loaded, or the model has none).');
    return;
  }
  const series = [];
  const loss = epochs.filter((e) => isNumber(e.loss)).map((e) => [e.epoch, e.loss]);
  if (loss.length) series.push({ name: 'training loss', axis: 'left', points: loss, cls: 'series-loss' });
  const precision = epochs.filter((e) => isNumber(e.validation_precision)).map((e) => [e.epoch, e.validation_precision]);
  if (precision.length) series.push({ name: 'validation P@100', axis: 'right', points: precision, cls: 'series-precision' });
  if (!series.length) {
    absent('chart-training', 'The training history has no loss or precision figures.');
    return;
  }
  draw('chart-training', lineChart({ series, xLabel: 'epoch', leftLabel: 'loss', rightLabel: 'P@100' }));
}

function renderPrecision(points) {
  const data = (points || []).filter((p) => p && isNumber(p.k) && isNumber(p.precision)).map((p) => [p.k, p.precision]);
  if (!data.length) {
    absent('chart-precision', 'No evaluation figures (run an evaluation with a model).');
    return;
  }
  draw('chart-precision', lineChart({
    series: [{ name: 'precision@k', axis: 'left', points: data, cls: 'series-precision' }],
    xLabel: 'k', leftLabel: 'precision', leftZero: true,
  }));
}

function renderDistances(distances) {
  const data = (distances || []).filter((d) => d && isNumber(d.distance) && isNumber(d.count)).map((d) => [d.distance, d.count]);
  if (!data.length) {
    absent('chart-distances', 'No distance distribution (needs a model and an evaluation).');
    return;
  }
  draw('chart-distances', barChart({ bars: data, xLabel: 'Hamming distance', yLabel: 'pairs' }));
}

function renderLabels(labels) {
  const data = Object.entries(labels || {}).filter(([, n]) => isNumber(n));
  if (!data.length) {
    absent('chart-labels', 'No labelled documents.');
    return;
  }
  draw('chart-labels', hbarChart({ bars: data.slice(0, 40) }));
}

function renderModel(model) {
  const table = clear(document.getElementById('model'));
  const entries = Object.entries(model || {});
  if (!entries.length) {
    table.appendChild(el('tr', {}, el('td', { class: 'absent' }, 'No model loaded: keyword search only.')));
    return;
  }
  for (const [key, value] of entries) {
    const shown = value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
    table.appendChild(el('tr', {}, el('th', {}, key), el('td', {}, shown)));
  }
}

async function renderBits(hasModel) {
  const box = clear(document.getElementById('bits'));
  let report = null;
  try {
    if (hasModel) report = await fetchBits(10);
  } catch (e) {
    box.appendChild(el('p', { class: 'absent' }, 'Bit meanings could not be loaded: ' + e.message));
    return;
  }
  if (!report) {
    box.appendChild(el('p', { class: 'absent' }, 'No model loaded: bits have no meaning here.'));
    absent('chart-on-rate', 'No model loaded.');
    absent('chart-correlation', 'No model loaded.');
    return;
  }
  const h = report.health;
  if (h && h.documents > 0) {
    document.getElementById('bit-health-summary').textContent =
      `${h.dead.length} dead bits (on for < ${100 * h.dead_rate}% or > ${100 - 100 * h.dead_rate}% of ${h.documents} documents), `
      + `${h.redundant_bits} redundant bits (|correlation| > ${h.redundant_correlation} with a lower bit).`;
    draw('chart-on-rate', barChart({ bars: h.on_rate.map((r, i) => [i, r]), xLabel: 'bit', yLabel: 'on-rate' }));
    draw('chart-correlation', correlationMap(h));
  } else {
    absent('chart-on-rate', 'No documents stored.');
    absent('chart-correlation', 'No documents stored.');
  }
  box.appendChild(bitTable(report));
}

/**
 * A categorical model's class usage: per group (a row), the share of the stored documents in each
 * class (a cell, darker for more); classes no document holds are marked, like dead bits.
 */
function renderClassUsage(usage) {
  const section = document.getElementById('class-usage');
  if (!usage) {
    section.hidden = true;
    return;
  }
  document.getElementById('class-usage-summary').textContent =
    `${usage.groups} groups × ${usage.classes} classes over ${usage.documents} documents: `
    + `${usage.unused.length} classes never used, ${usage.dead_groups.length} groups where one class holds over 99% of the documents.`;
  const table = clear(document.getElementById('class-usage-table'));
  table.appendChild(el('tr', {}, el('th', {}, 'group'),
    ...Array.from({ length: usage.classes }, (_, c) => el('th', {}, String(c)))));
  usage.rates.forEach((row, g) => {
    const dead = usage.dead_groups.includes(g);
    table.appendChild(el('tr', { class: dead ? 'dead' : '', 'data-group': g }, el('th', {}, String(g)),
      ...row.map((r, c) => el('td', {
        // shade by share: u0 (never used) .. u5 (half the documents or more)
        class: r === 0 ? 'unused u0' : `u${Math.min(5, 1 + Math.floor(r * 10))}`,
        title: `group ${g}, class ${c}: ${(100 * r).toFixed(1)}% of the documents`,
      }, r === 0 ? '—' : `${Math.round(100 * r)}%`))));
  });
  section.hidden = false;
}

async function main() {
  let stats;
  try {
    stats = await api('/api/stats');
  } catch (e) {
    showError(e);
    document.body.dataset.ready = 'error';
    return;
  }
  const summary = clear(document.getElementById('summary'));
  summary.append(
    card('documents', String(stats.documents ?? '—'), 'card-documents'),
    card('bits', stats.bits ? String(stats.bits) : '—', 'card-bits'),
    card('default mode', String(stats.default_mode ?? '—'), 'card-mode'),
    card('labels', String(Object.keys(stats.labels || {}).length), 'card-labels'),
    coherenceCard(stats.coherence));
  renderTraining(stats.training);
  renderPrecision(stats.precision_at_k);
  renderDistances(stats.distances);
  renderLabels(stats.labels);
  renderModel(stats.model);
  renderClassUsage(stats.class_usage);
  await renderBits(Boolean(stats.bits));
  document.body.dataset.ready = 'stats';
}

main();
