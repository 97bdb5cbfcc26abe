// Opens every process group of the root canvas of a running NiFi in headless Chromium (through
// playwright-core) and saves one PNG per group, named after the group (the flow definition's file name).
// Usage: node capture-flows.mjs <NiFi base URL, e.g. http://127.0.0.1:18090> <output dir> <group name>...
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, outDir, ...names] = process.argv.slice(2);
if (!base || !outDir || names.length === 0) {
  console.error('Usage: node capture-flows.mjs <NiFi base URL> <output dir> <group name>...');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const width = Number(process.env.SCREENSHOT_WIDTH || 1600);
const height = Number(process.env.SCREENSHOT_HEIGHT || 1000);

const response = await fetch(`${base}/nifi-api/flow/process-groups/root`);
if (!response.ok) {
  throw new Error(`GET /nifi-api/flow/process-groups/root answered ${response.status}`);
}
const flow = (await response.json()).processGroupFlow.flow;
const groups = new Map(flow.processGroups.map(group => [group.component.name, group.component.id]));

// A fresh profile each run: the UI keeps each group's viewport in local storage, so every run starts
// from NiFi's own default view of the group.
const profile = mkdtempSync(join(tmpdir(), 'nifi-screenshots-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width, height },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  for (const name of names) {
    const id = groups.get(name);
    if (!id) {
      console.error(`No process group named ${name} on the root canvas`);
      failures++;
      continue;
    }
    const page = await browser.newPage();
    await page.goto(`${base}/nifi/#/process-groups/${id}`, { waitUntil: 'networkidle', timeout: 120_000 });
    // the canvas draws its components as SVG groups once the group's flow has loaded
    await page.waitForSelector('g.component', { timeout: 120_000 });
    await page.waitForTimeout(3_000);
    const components = await page.locator('g.component').count();
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`${file}: ${components} components`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
