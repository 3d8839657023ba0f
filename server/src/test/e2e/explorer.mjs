// End-to-end test of the web explorer in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Usage: E2E_DIR=server/target/e2e node server/src/test/e2e/explorer.mjs URL SCREENSHOT.png
// Exits non-zero on the first failed check; every check prints one line.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node explorer.mjs URL SCREENSHOT.png');
  process.exit(2);
}
const e2eDir = path.resolve(process.env.E2E_DIR || 'server/target/e2e');
const { chromium } = createRequire(path.join(e2eDir, 'package.json'))('playwright-core');

const TEXT = 'The quick brown fox jumps over the lazy dog.';
let passed = 0;
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) throw new Error('check failed: ' + what);
  passed++;
}

async function api(pathName, body) {
  const res = await fetch(new URL(pathName, url), { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body) });
  return res.json();
}

/** Selects a model, types the text, presses Analyse and waits for the attention answer. */
async function analyse(page, model, text) {
  await page.selectOption('#model', model);
  await page.fill('#text', text);
  await page.waitForFunction(() => !document.body.dataset.busy);
  await page.click('#analyse');
  await page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 120000 });
  const error = await page.textContent('#error');
  check(await page.isHidden('#error'), `${model}: analysed ${JSON.stringify(text)} without an error ${error}`);
}

/** The heatmap has one row and one column label per token of /api/tokenize, and hover shows the API's weight. */
async function checkHeatmap(page, model, text, layer, head) {
  const tokens = (await api('/api/tokenize', { model, text })).tokens;
  await page.selectOption('#layer', String(layer));
  await page.selectOption('#head', String(head));
  await page.waitForSelector(`#heatmap-svg[data-layer="${layer}"][data-head="${head}"]`);
  const rows = await page.locator('#heatmap .row-label').count();
  const cols = await page.locator('#heatmap .col-label').count();
  check(rows === tokens.length && cols === tokens.length,
    `${model}: heatmap has ${rows} row and ${cols} column labels = ${tokens.length} tokens of /api/tokenize`);
  check(await page.locator('#tokens .token').count() === tokens.length, `${model}: ${tokens.length} token chips`);
  const q = tokens.length - 1, k = 1;
  await page.hover(`#heatmap rect[data-q="${q}"][data-k="${k}"]`);
  const tip = await page.textContent('#tooltip');
  const weight = (await api('/api/attention', { model, text })).attentions[layer][head][q][k];
  check(await page.isVisible('#tooltip') && tip.endsWith(weight.toFixed(4)),
    `${model}: hovering cell (${q}, ${k}) of layer ${layer} head ${head} shows "${tip}" (API: ${weight.toFixed(4)})`);
}

/** Generates with the page's controls and checks that text arrived in several pieces before "done". */
async function checkGeneration(page, model) {
  await page.selectOption('#model', model);
  await page.waitForSelector('#generate-panel', { state: 'visible' });
  await page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 120000 });
  await page.fill('#max-new-tokens', '12');
  await page.evaluate(() => {
    window.__pieces = [];
    new MutationObserver(() => window.__pieces.push(document.getElementById('generated-text').textContent))
      .observe(document.getElementById('generated-text'), { childList: true, characterData: true, subtree: true });
  });
  await page.click('#generate');
  await page.waitForFunction(() => /^(done|failed)/.test(document.getElementById('generate-status').textContent),
    null, { timeout: 120000 });
  const status = await page.textContent('#generate-status');
  const text = await page.textContent('#generated-text');
  const pieces = await page.evaluate(() => window.__pieces.filter(p => p.length > 0));
  check(/^done: \d+ new tokens$/.test(status), `${model}: generation finished: "${status}"`);
  check(text.length > 0, `${model}: generated text arrived: ${JSON.stringify(text)}`);
  // one "token" event per new token, each appended as it is read (how many DOM updates that makes depends on how
  // the network batches the events: a fast server may deliver all of them in one chunk)
  const events = Number(await page.getAttribute('#generated-text', 'data-token-events'));
  const newTokens = Number((/^done: (\d+) new tokens$/.exec(status) || [])[1]);
  check(events >= 2 && events === newTokens, `${model}: ${events} token events streamed for ${newTokens} new tokens `
    + `(the text grew in ${new Set(pieces).size} DOM updates)`);
  const bars = await page.locator('#next-token .bar-row').count();
  check(bars === 10, `${model}: next-token distribution shows ${bars} of top-10 bars`);
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 't4j-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1100, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(180000);               // a loaded 2-core machine: the first analysis loads the model
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') problems.push('console error: ' + m.text() + ' ' + m.location().url); });
  page.on('requestfailed', r => problems.push('request failed: ' + r.url() + ' (' + r.failure()?.errorText + ')'));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('#model option').length > 0);
  const models = await page.$$eval('#model option', os => os.map(o => o.value));
  check(models.includes('all-MiniLM-L6-v2') && models.includes('gpt2-lm'), 'model picker lists ' + models.join(', '));

  await analyse(page, 'all-MiniLM-L6-v2', TEXT);
  await checkHeatmap(page, 'all-MiniLM-L6-v2', TEXT, 3, 5);
  const chart = await page.locator('#norms-chart rect').count();
  check(chart === 7, `all-MiniLM-L6-v2: hidden-state chart has ${chart} bars (embeddings + 6 layers)`);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-minilm.png') });

  await analyse(page, 'gpt2-lm', 'Attention is all you need');
  await checkHeatmap(page, 'gpt2-lm', 'Attention is all you need', 1, 2);
  await checkGeneration(page, 'gpt2-lm');
  check(problems.length === 0, 'no page errors, console errors or failed requests' + (problems.length ? ': ' + problems.join('; ') : ''));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  failed = true;
  console.error('explorer e2e: ' + e.message);
  console.log(`${passed} passed, 1 failed`);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
