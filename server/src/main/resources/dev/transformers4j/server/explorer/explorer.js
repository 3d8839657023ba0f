// transformers4j explorer: draws what the JSON API under /api/ returns. No build step, no libraries.
'use strict';

const $ = id => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const state = { models: [], attention: null, seq: 0 };

/** POST (or GET without a body) a JSON API call; throws the server's {"error"} message. */
async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || res.status + ' ' + res.statusText);
  return json;
}

function showError(e) {
  $('error').hidden = !e;
  $('error').textContent = e ? e.message || String(e) : '';
}

/** How a vocabulary string is shown: byte-level BPE's space (Ġ) and newline (Ċ) made visible. */
function display(token) {
  return token.replace(/Ġ/g, '␣').replace(/Ċ/g, '↵');
}

function el(tag, attrs = {}, text) {
  const e = tag === 'svg' || ['rect', 'text', 'g', 'line', 'polyline'].includes(tag)
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function currentModel() {
  return state.models.find(m => m.name === $('model').value);
}

async function loadModels() {
  state.models = (await api('/api/models')).models;
  const select = $('model');
  select.replaceChildren(...state.models.map(m => el('option', { value: m.name }, m.name + '  (' + m.kind + ')')));
  onModelChange();
}

function onModelChange() {
  const m = currentModel();
  $('model-kind').textContent = m ? m.kind + ', ' + m.source : '';
  document.body.classList.toggle('encoder', !m || m.kind !== 'decoder');
}

function renderTokens(tokens, ids) {
  $('token-count').textContent = tokens.length + ' tokens';
  $('tokens').replaceChildren(...tokens.map((t, i) => {
    const chip = el('span', { class: 'token', title: 'id ' + ids[i] });
    chip.append(el('span', { class: 'text' }, display(t)), el('span', { class: 'id' }, String(ids[i])));
    return chip;
  }));
}

function fillSelect(select, n, label) {
  const keep = Number(select.value) || 0;
  select.replaceChildren(...Array.from({ length: n }, (_, i) => el('option', { value: i }, label + ' ' + i)));
  select.value = String(Math.min(keep, n - 1));
}

/** White (0) to indigo (1). */
function color(w) {
  const t = Math.max(0, Math.min(1, w));
  return `rgb(${Math.round(255 - 196 * t)},${Math.round(255 - 190 * t)},${Math.round(255 - 14 * t)})`;
}

/** One head's [T][T] map as an SVG grid with the tokens on both axes. */
function renderHeatmap() {
  const a = state.attention;
  if (!a) return;
  const layer = Number($('layer').value), head = Number($('head').value);
  const map = a.attentions[layer][head];
  const tokens = a.tokens.map(display);
  const T = tokens.length;
  const cell = Math.max(10, Math.min(32, Math.floor(640 / T)));
  const margin = Math.min(140, 10 + 7 * Math.max(...tokens.map(t => t.length)));
  const svg = el('svg', { width: margin + T * cell + 10, height: margin + T * cell + 10, id: 'heatmap-svg',
    'data-layer': layer, 'data-head': head });
  tokens.forEach((t, i) => {
    svg.append(el('text', { class: 'row-label', x: margin - 4, y: margin + i * cell + cell / 2 + 4,
      'text-anchor': 'end' }, t));
    const x = margin + i * cell + cell / 2 + 4, y = margin - 4;
    svg.append(el('text', { class: 'col-label', x, y, transform: `rotate(-60 ${x} ${y})` }, t));
  });
  const grid = el('g', { class: 'cells' });
  for (let q = 0; q < T; q++) {
    for (let k = 0; k < T; k++) {
      grid.append(el('rect', { x: margin + k * cell, y: margin + q * cell, width: cell, height: cell,
        fill: a.causal && k > q ? '#eee' : color(map[q][k]), 'data-q': q, 'data-k': k }));
    }
  }
  svg.append(grid);
  grid.addEventListener('mousemove', ev => {
    const q = ev.target.getAttribute('data-q'), k = ev.target.getAttribute('data-k');
    if (q === null) return;
    const tip = $('tooltip');
    tip.hidden = false;
    tip.textContent = `${tokens[q]} → ${tokens[k]}: ${map[q][k].toFixed(4)}`;
    tip.style.left = ev.clientX + 12 + 'px';
    tip.style.top = ev.clientY + 12 + 'px';
  });
  grid.addEventListener('mouseleave', () => { $('tooltip').hidden = true; });
  $('heatmap').replaceChildren(svg);
}

function renderAttention(a) {
  state.attention = a;
  fillSelect($('layer'), a.layers, 'layer');
  fillSelect($('head'), a.heads, 'head');
  $('attention-note').hidden = !a.note;
  $('attention-note').textContent = a.note || '';
  renderHeatmap();
}

/** Vertical bars with a value above each. */
function barChart(container, labels, values, max) {
  const w = 34, h = 120, svg = el('svg', { width: labels.length * w + 20, height: h + 40 });
  values.forEach((v, i) => {
    const bh = Math.max(1, (h - 14) * Math.abs(v) / (max || 1));
    svg.append(el('rect', { x: 10 + i * w, y: h - bh, width: w - 6, height: bh, fill: '#6366f1' }),
      el('text', { x: 10 + i * w + (w - 6) / 2, y: h - bh - 3, 'text-anchor': 'middle' }, v.toFixed(2)),
      el('text', { x: 10 + i * w + (w - 6) / 2, y: h + 14, 'text-anchor': 'middle' }, labels[i]));
  });
  container.replaceChildren(svg);
}

function renderHidden(hs) {
  const labels = hs.mean_norms.map((_, i) => i === 0 ? 'emb' : String(i));
  barChart($('norms-chart'), labels, hs.mean_norms, Math.max(...hs.mean_norms));
  barChart($('cosine-chart'), labels, hs.cosine_to_final, 1);
}

function renderNext(next) {
  const max = next.top.length ? next.top[0].probability : 1;
  $('next-token').replaceChildren(...next.top.map(c => {
    const row = el('div', { class: 'bar-row', title: 'id ' + c.id + ', token ' + c.token });
    row.append(el('span', { class: 'bar-label' }, JSON.stringify(c.text)),
      el('span', { class: 'bar', style: `width:${Math.round(300 * c.probability / max)}px` }),
      el('span', {}, (100 * c.probability).toFixed(1) + ' %'));
    return row;
  }));
}

/** Runs every view for the current model and text; an answer to an older analyse (model or text since changed) is dropped. */
async function analyse() {
  const seq = ++state.seq;
  const current = () => seq === state.seq;
  showError(null);
  document.body.dataset.busy = 'analyse';
  const body = { model: $('model').value, text: $('text').value };
  try {
    const tok = await api('/api/tokenize', body);
    if (current()) renderTokens(tok.tokens, tok.ids);
    const attention = await api('/api/attention', body);
    if (current()) renderAttention(attention);
    const hidden = await api('/api/hidden-states', body);
    if (current()) renderHidden(hidden);
    if (current() && currentModel().kind === 'decoder') {
      const next = await api('/api/next-token', { ...body, top_k: Number($('next-k').value) });
      if (current()) renderNext(next);
    }
  } catch (e) {
    if (current()) showError(e);
  } finally {
    if (current()) delete document.body.dataset.busy;
  }
}

function numberField(id) {
  const v = $(id).value.trim();
  return v === '' ? undefined : Number(v);
}

/** POST /api/generate and append each token event's text as it arrives (server-sent events over fetch). */
async function generate() {
  showError(null);
  const prompt = $('text').value;
  $('generated-prompt').textContent = prompt;
  $('generated-text').textContent = '';
  $('generated-text').dataset.tokenEvents = '0';
  $('generate-status').textContent = 'generating…';
  const body = { model: $('model').value, prompt, max_new_tokens: numberField('max-new-tokens'),
    temperature: numberField('temperature'), top_k: numberField('top-k'), top_p: numberField('top-p'),
    num_beams: numberField('num-beams'), seed: numberField('seed') };
  try {
    const res = await fetch('/api/generate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body) });
    if (!res.ok) throw new Error((await res.json()).error);
    let count = 0;
    await readEvents(res.body, (event, data) => {
      if (event === 'token') {
        count++;
        $('generated-text').textContent += data.text;
        $('generated-text').dataset.tokenEvents = String(count);
        $('generate-status').textContent = count + ' tokens…';
      } else if (event === 'done') {
        $('generated-text').textContent = data.text;
        $('generate-status').textContent = 'done: ' + data.new_ids.length + ' new tokens';
      } else if (event === 'error') {
        throw new Error(data.error);
      }
    });
  } catch (e) {
    $('generate-status').textContent = 'failed';
    showError(e);
  }
}

/** Calls onEvent(name, parsedData) for each "event: …\ndata: …\n\n" block of the stream. */
async function readEvents(stream, onEvent) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = (block.match(/^event: (.*)$/m) || [])[1] || 'message';
      const data = (block.match(/^data: (.*)$/m) || [])[1];
      onEvent(event, data ? JSON.parse(data) : null);
    }
  }
}

$('model').addEventListener('change', () => { onModelChange(); analyse(); });
$('analyse').addEventListener('click', analyse);
$('generate').addEventListener('click', generate);
$('layer').addEventListener('change', renderHeatmap);
$('head').addEventListener('change', renderHeatmap);
loadModels().then(analyse).catch(showError);
