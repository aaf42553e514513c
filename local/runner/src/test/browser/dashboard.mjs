// Drives the local dashboard in headless Chromium (Debian's package, through playwright-core) and checks what a
// developer sees: the page loads, lists the routes that were called, and its numbers move after more traffic.
// Usage: node dashboard.mjs <runner base URL> <bearer token> <chromium path> <user data dir>
// Prints one JSON line with what it saw; exits non-zero with a reason when a check fails.
import { createRequire } from "node:module";
import process from "node:process";

const require = createRequire(process.env.PLAYWRIGHT_MODULES + "/");
const { chromium } = require("playwright-core");

const [base, token, executablePath, userDataDir] = process.argv.slice(2);
const TIMEOUT_MS = 20000;

function fail(reason) {
  console.error(reason);
  process.exit(1);
}

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

async function cellNumber(page, fn, field) {
  const text = await page.locator(`tr[data-function="${fn}"] td[data-field="${field}"]`).textContent();
  return Number.parseFloat(text);
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync"],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const response = await page.goto(base + "/_local/dashboard");
  if (!response.ok()) fail("the dashboard answered " + response.status());

  // The routes called before the page opened are listed, with their requests counted.
  const row = 'tr[data-function="ListItemsFunction"]';
  await page.locator(row).waitFor();
  const label = await page.locator(`${row} td[data-field="route"]`).textContent();
  if (!label.includes("GET /v1/items")) fail("the list route is labelled " + label);
  await page.waitForFunction(r => Number.parseFloat(document.querySelector(`${r} td[data-field="requests"]`).textContent) > 0, row);
  const before = {
    listRequests: await cellNumber(page, "ListItemsFunction", "requests"),
    createRequests: await cellNumber(page, "CreateItemFunction", "requests"),
    create4xx: await cellNumber(page, "CreateItemFunction", "errors4xx"),
  };
  const p99Text = await page.locator(`${row} td[data-field="p99"]`).textContent();

  // More traffic: five lists, three creations and one refused creation.
  for (let i = 0; i < 5; i++) await call("GET", "/v1/items?limit=5");
  for (let i = 0; i < 3; i++) {
    const status = await call("POST", "/v1/items", { name: "browser item " + i });
    if (status !== 201) fail("creating an item answered " + status);
  }
  if (await call("POST", "/v1/items", { name: "" }) !== 400) fail("an empty name was not refused with 400");

  // The page refreshes itself; its numbers move without a reload.
  await page.waitForFunction(([r, n]) =>
    Number.parseFloat(document.querySelector(`${r} td[data-field="requests"]`).textContent) >= n, [row, before.listRequests + 5]);
  await page.waitForFunction(n =>
    Number.parseFloat(document.querySelector('tr[data-function="CreateItemFunction"] td[data-field="requests"]').textContent) >= n,
    before.createRequests + 4);
  const after = {
    listRequests: await cellNumber(page, "ListItemsFunction", "requests"),
    createRequests: await cellNumber(page, "CreateItemFunction", "requests"),
    create4xx: await cellNumber(page, "CreateItemFunction", "errors4xx"),
    createProblems: await page.locator('tr[data-function="CreateItemFunction"] td[data-field="problems"]').textContent(),
    createP50: await cellNumber(page, "CreateItemFunction", "p50"),
    createP99: await cellNumber(page, "CreateItemFunction", "p99"),
  };
  const routesShown = await page.locator("#routes tbody tr").count();
  const consumersShown = await page.locator("#consumers tbody tr").count();
  console.log(JSON.stringify({ label, p99Text, before, after, routesShown, consumersShown }));
} finally {
  await context.close();
}
