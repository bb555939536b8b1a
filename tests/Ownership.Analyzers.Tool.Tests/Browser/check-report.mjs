// The ownership report in a real browser: node check-report.mjs <report.html> <report.sarif> <screenshot.png>
// Validates the SARIF log against the SARIF 2.1.0 schema, then opens the HTML page from disk in
// headless Chromium (CHROMIUM, default /usr/bin/chromium) and checks that the graph rendered, that
// the page logged no error, and that the findings table's filter, search and the graph's node
// selection work. Prints one line per check; exits 1 when one fails.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { chromium } from 'playwright-core';

const [htmlPath, sarifPath, screenshotPath] = process.argv.slice(2);
if (!htmlPath || !sarifPath || !screenshotPath) {
  console.error('usage: node check-report.mjs <report.html> <report.sarif> <screenshot.png>');
  process.exit(2);
}

let failures = 0;
function check(name, ok, detail) {
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail === undefined ? '' : ` (${detail})`}`);
  if (!ok) failures++;
}

// SARIF against the schema.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
// The schema's language-tag pattern is not a valid Unicode-mode regular expression: compile patterns without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
check('SARIF log is valid against the SARIF 2.1.0 schema', validate(sarif), validate.errors ? JSON.stringify(validate.errors.slice(0, 3)) : undefined);
const run = sarif.runs[0];
const results = run.results.filter(r => !r.suppressions || r.suppressions.length === 0);
check('SARIF rules carry help URIs', run.tool.driver.rules.length > 0 && run.tool.driver.rules.every(r => /^https?:\/\//.test(r.helpUri)));
check('SARIF has results', results.length > 0, `${results.length}`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('requestfailed', r => errors.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(htmlPath).href);
  await page.waitForFunction(() => window.ownershipReport && window.ownershipReport.ready, null, { timeout: 30000 });

  const data = await page.evaluate(() => ({ nodes: window.OWNERSHIP_DATA.graph.nodes.length, edges: window.OWNERSHIP_DATA.graph.edges.length }));
  const status = await page.evaluate(() => ({ nodes: window.ownershipReport.nodes, edges: window.ownershipReport.edges, errors: window.ownershipReport.errors }));
  check('graph rendered every node', status.nodes > 0 && status.nodes === data.nodes, `${status.nodes} of ${data.nodes}`);
  check('graph rendered every edge', status.edges > 0 && status.edges === data.edges, `${status.edges} of ${data.edges}`);
  const canvas = await page.evaluate(() => [...document.querySelectorAll('#cy canvas')].map(c => c.width * c.height).reduce((a, b) => a + b, 0));
  check('graph is drawn on a canvas', canvas > 0, `${canvas} px`);

  const visibleRows = () => page.evaluate(() => [...document.querySelectorAll('#findings-table tbody tr')].filter(r => !r.hidden).length);
  check('findings table lists every unsuppressed SARIF result', (await visibleRows()) === results.length, `${await visibleRows()} rows, ${results.length} results`);

  const counts = {};
  for (const r of results) counts[r.ruleId] = (counts[r.ruleId] || 0) + 1;
  const rule = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  await page.selectOption('#rule-filter', rule);
  check(`rule filter keeps the ${rule} findings only`, (await visibleRows()) === counts[rule], `${await visibleRows()} rows, ${counts[rule]} expected`);
  await page.selectOption('#rule-filter', '');

  const file = results[0].locations[0].physicalLocation.artifactLocation.uri.split('/').pop();
  const inFile = results.filter(r => r.locations[0].physicalLocation.artifactLocation.uri.endsWith(file)).length;
  await page.fill('#search', file.toUpperCase());
  check(`search '${file.toUpperCase()}' keeps the findings of that file`, (await visibleRows()) === inFile, `${await visibleRows()} rows, ${inFile} expected`);
  await page.fill('#search', 'no finding says this 1f2e3d');
  check('search with no match shows no row', (await visibleRows()) === 0);
  await page.fill('#search', '');

  // Click the type with most findings where the graph drew it; its details must open.
  const target = await page.evaluate(() => {
    const cy = window.ownershipReport.graph;
    const findings = window.OWNERSHIP_DATA.graph.findings;
    const node = cy.nodes().sort((a, b) => findings.filter(f => f.typeKey === b.id()).length - findings.filter(f => f.typeKey === a.id()).length)[0];
    const box = document.getElementById('cy').getBoundingClientRect();
    const p = node.renderedPosition();
    return { id: node.id(), x: box.left + p.x, y: box.top + p.y, name: window.OWNERSHIP_DATA.graph.nodes.find(n => n.id === node.id()).fullName };
  });
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(name => (document.querySelector('#details h3') || {}).textContent === name, target.name, { timeout: 5000 }).catch(() => {});
  const shown = await page.evaluate(() => (document.querySelector('#details h3') || {}).textContent);
  check(`clicking ${target.name} in the graph opens its details`, shown === target.name, shown);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  check('page logged no error', errors.length === 0 && status.errors.length === 0, [...errors, ...status.errors].join('; ') || undefined);
} finally {
  await browser.close();
}

console.log(failures === 0 ? 'report browser check passed' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
