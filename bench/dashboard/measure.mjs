// The dashboard's figures (issue 18), printed, never asserted: run by scripts/bench-dashboard.sh
// against a started gateway. Usage: node measure.mjs URL OFFICER_TOKEN COMMUNE PROVINCE YEAR [RUNS]
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const [url, token, commune, province, year, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (what, xs, unit = 'ms') => console.log(`${what.padEnd(58)} median ${median(xs).toFixed(0).padStart(6)} ${unit}   max ${Math.max(...xs).toFixed(0).padStart(6)} ${unit}   (${xs.length} runs)`);

// 1. The national view's first meaningful render from a cold browser: a new context each run (empty
//    cache), from navigation start until the nation's score and its 34 provinces are on screen.
const renders = [];
let assets = null;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const files = new Map();
  page.on('response', async response => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') files.set(response.url(), { body: await response.body(), encoding: response.headers()['content-encoding'] ?? 'identity' });
  });
  await page.goto(`${url}/`);
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=score]')?.textContent ?? '') && document.querySelectorAll('[data-testid=child-row]').length > 0, null, { timeout: 60_000 });
  renders.push(await page.evaluate(() => performance.now()));
  await page.waitForLoadState('networkidle').catch(() => {});
  assets ??= files;
  await context.close();
}
row('national view, first meaningful render (cold browser)', renders);

// 2. What the page loads of JavaScript and CSS: raw, and compressed as a server would send it.
let raw = 0, gzip = 0, brotli = 0;
for (const { body } of assets.values()) {
  raw += body.length;
  gzip += gzipSync(body, { level: 6 }).length;
  brotli += brotliCompressSync(body).length;
}
const served = [...new Set([...assets.values()].map(a => a.encoding))].join(', ');
console.log(`${'JavaScript and CSS of the page (' + assets.size + ' files)'.padEnd(58)} raw ${(raw / 1024).toFixed(1)} KB   gzip ${(gzip / 1024).toFixed(1)} KB   brotli ${(brotli / 1024).toFixed(1)} KB   (served as: ${served})`);

// 3. A write in the officer's form reflected on the province's page open in another browser:
//    from the click that submits the completion to the province page drawing the new scores.
const officer = await (await browser.newContext()).newPage();
await officer.addInitScript(t => localStorage.setItem('unitgrains.token', t), token);
officer.on('console', m => { if (m.type() === 'error') console.error(`officer page: ${m.text()}`); });
officer.on('pageerror', e => console.error(`officer page: ${e.message}`));
const watcher = await (await browser.newContext()).newPage();
await watcher.goto(`${url}/?year=${year}#/u/${province}`);
await watcher.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=updated]')?.textContent ?? ''), null, { timeout: 60_000 });
await officer.goto(`${url}/?year=${year}#/u/${commune}`);
await officer.waitForSelector('[data-testid=tasks] tr[data-task] [data-complete]', { timeout: 60_000 });
const delays = [];
for (let i = 0; i < runs; i++) {
  const row = officer.locator('[data-testid=tasks] tr[data-task]').filter({ has: officer.locator('[data-complete]') }).first();
  await row.locator('[data-complete]').click();
  await watcher.evaluate(() => {
    window.__changedAt = null;
    new MutationObserver((_, o) => { window.__changedAt = Date.now(); o.disconnect(); })
      .observe(document.querySelector('[data-testid=updated]'), { childList: true, characterData: true, subtree: true });
  });
  const clicked = Date.now();
  await officer.locator('[data-testid=complete-form] button[type=submit]').click();
  await watcher.waitForFunction(() => window.__changedAt !== null, null, { timeout: 30_000 });
  delays.push((await watcher.evaluate(() => window.__changedAt)) - clicked);
  await officer.waitForSelector('[data-testid=complete-form]', { state: 'detached', timeout: 30_000 });
  // The page is drawn again after the write: the next open task gets its button back (the last run completed the last task).
  if (i < runs - 1) await officer.waitForSelector('[data-testid=tasks] tr[data-task] [data-complete]', { timeout: 30_000 });
}
row('form write → province page on another browser redrawn', delays);
await browser.close();
