// The document page: the stored document, rendered as text, and its nearest neighbours.
import { api, bitStrip, clear, codeSize, docApiPath, el, hitItem, isCategorical, labelChip, showError } from './common.js';

const NEIGHBOURS = 10;

async function main() {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    showError(new Error('no document id given'));
    document.body.dataset.ready = 'error';
    return;
  }
  let doc;
  try {
    doc = await api(docApiPath(id));
  } catch (e) {
    showError(e);
    document.body.dataset.ready = 'error';
    return;
  }
  document.title = 'semhash · ' + (doc.title || doc.id);
  document.getElementById('doc-title').textContent = doc.title && doc.title.trim() ? doc.title : doc.id;
  document.getElementById('doc-id').textContent = doc.id;
  document.getElementById('doc-split').textContent = doc.split;
  const labels = clear(document.getElementById('doc-labels'));
  for (const label of doc.labels) {
    labels.appendChild(labelChip(label, 'index.html?' + new URLSearchParams({ labels: label }).toString()));
  }
  const code = clear(document.getElementById('doc-code'));
  if (doc.code_hex && doc.bits) {
    code.append(el('span', { class: 'code-label' }, `code (${codeSize(doc)}) `), el('code', { class: 'hex' }, doc.code_hex),
      bitStrip(doc.code_hex, doc.bits, null, doc.code));
    code.hidden = false;
  }
  document.getElementById('doc-text').textContent = doc.text;
  document.getElementById('doc').hidden = false;

  const meta = document.getElementById('neighbours-meta');
  const list = clear(document.getElementById('neighbours'));
  try {
    const similar = await api(docApiPath(id) + '/similar?k=' + NEIGHBOURS);
    meta.textContent = similar.results.length === 0
      ? 'No similar documents.'
      : similar.code_hex
        ? `Nearest by ${isCategorical(similar.code) ? 'symbol' : 'Hamming'} distance · ${similar.took_ms.toFixed(1)} ms`
        : `Similar by shared words (no model loaded) · ${similar.took_ms.toFixed(1)} ms`;
    for (const hit of similar.results) {
      list.appendChild(hitItem(hit, { queryCode: similar.code_hex, bits: similar.bits, code: similar.code }));
    }
  } catch (e) {
    meta.textContent = 'Neighbours unavailable: ' + e.message;
  }
  document.body.dataset.ready = 'doc';
}

main();
