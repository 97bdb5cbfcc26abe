// Opens every named process group of the root canvas of a running NiFi in headless Chromium (through
// playwright-core) and saves one PNG per group, named after the group (the flow definition's file name).
// Usage: node capture-flows.mjs <NiFi base URL, e.g. http://127.0.0.1:18090> <output dir> <group name>...
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const [base, outDir, ...names] = process.argv.slice(2);
if (!base || !outDir || names.length === 0) {
  console.error('Usage: node capture-flows.mjs <NiFi base URL> <output dir> <group name>...');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const minWidth = Number(process.env.SCREENSHOT_MIN_WIDTH || 1280);
const minHeight = Number(process.env.SCREENSHOT_MIN_HEIGHT || 800);
const margin = 80;

const response = await fetch(`${base}/nifi-api/flow/process-groups/root`);
if (!response.ok) {
  throw new Error(`GET /nifi-api/flow/process-groups/root answered ${response.status}`);
}
const flow = (await response.json()).processGroupFlow.flow;
const groups = new Map(flow.processGroups.map(group => [group.component.name, group.component.id]));

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Loads the group in a fresh context (the UI keeps viewports and panel states in local storage) and
// waits until the canvas has drawn its components.
async function open(id, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${base}/nifi/#/process-groups/${id}`, { waitUntil: 'networkidle', timeout: 120_000 });
  await page.waitForSelector('g.component', { timeout: 120_000 });
  await page.waitForTimeout(2_000);
  return { context, page };
}

let failures = 0;
try {
  for (const name of names) {
    const id = groups.get(name);
    if (!id) {
      console.error(`No process group named ${name} on the root canvas`);
      failures++;
      continue;
    }
    // First look: how big the flow is at 1:1 and how much room the UI's bars take.
    const probe = await open(id, { width: 1600, height: 1000 });
    const size = await probe.page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      const scale = Number((canvas.getAttribute('transform') || '').match(/scale\(([\d.]+)\)/)?.[1] || 1);
      const box = canvas.getBoundingClientRect();
      const container = document.getElementById('canvas-container').getBoundingClientRect();
      return { width: box.width / scale, height: box.height / scale, chrome: window.innerHeight - container.height };
    });
    await probe.context.close();
    // Second look in a window the flow fits at 1:1: NiFi then centres it (its default view of a group).
    const viewport = {
      width: Math.max(minWidth, Math.ceil(size.width + 2 * margin)),
      height: Math.max(minHeight, Math.ceil(size.height + size.chrome + 2 * margin)),
    };
    const { context, page } = await open(id, viewport);
    // fold the navigation and operation panels so they hide none of the flow, and park the mouse
    await page.locator('.navigation-control-header').click();
    await page.locator('.operation-control-header').click();
    await page.mouse.move(viewport.width - 5, viewport.height - 5);
    await page.waitForTimeout(1_000);
    const components = await page.locator('g.component').count();
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`${file}: ${components} components, ${viewport.width}x${viewport.height}`);
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failures === 0 ? 0 : 1);
