// Smoke test: the official Telnyx Node SDK (npm `telnyx`, pinned in package.json) driving
// `telnyx-porting sandbox`. Run by cli/tests/sandbox_server.rs (so by `cargo test` and
// scripts/test.sh) as: node scripts/node-sdk-smoke.mjs path/to/telnyx-porting
//
// Starts the server on a free port, reads the URL from its first stdout line, creates,
// retrieves and lists porting orders and runs a portability check through the SDK, checks
// that a refusal reaches the SDK as its 422 error, then stops the server with SIGTERM and
// expects exit 0. Every wait is bounded.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import Telnyx from 'telnyx';

const bin = process.argv[2];
if (!bin) {
  console.error('usage: node scripts/node-sdk-smoke.mjs path/to/telnyx-porting');
  process.exit(2);
}
const KEY = 'KEYSANDBOX_not_a_real_key';
const WAIT_MS = 20000;

function fail(message) {
  console.error(`node-sdk-smoke: ${message}`);
  process.exit(1);
}

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const server = spawn(bin, ['sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
const lines = createInterface({ input: server.stdout });
const first = await within(
  WAIT_MS,
  new Promise((resolve, reject) => {
    lines.once('line', resolve);
    server.once('exit', () => reject(new Error('the server exited before listening')));
  }),
  'the listening line',
).catch((e) => fail(e.message));
const match = /^listening on (http:\/\/\S+\/v2)$/.exec(first);
if (!match) fail(`unexpected first line: ${JSON.stringify(first)}`);
const baseURL = match[1];

const client = new Telnyx({ apiKey: KEY, baseURL, maxRetries: 0, timeout: WAIT_MS });
try {
  const created = await client.portingOrders.create({
    phone_numbers: ['+13035550000', '+13035550001'],
    customer_reference: 'node-sdk-smoke',
  });
  if (!Array.isArray(created.data) || created.data.length < 1) fail(`create: ${JSON.stringify(created)}`);
  const id = created.data[0].id;
  const got = await client.portingOrders.retrieve(id);
  if (got.data.id !== id) fail(`retrieve: ${JSON.stringify(got)}`);
  if (got.data.customer_reference !== 'node-sdk-smoke') fail(`retrieve: ${JSON.stringify(got)}`);
  let listed = 0;
  for await (const order of client.portingOrders.list()) {
    if (order.id === id) listed += 1;
    if (listed > 1000) break;
  }
  if (listed !== 1) fail(`list: the created order was listed ${listed} times`);
  const check = await client.portabilityChecks.run({ phone_numbers: ['+13035550000'] });
  if (check.data[0].phone_number !== '+13035550000') fail(`portability check: ${JSON.stringify(check)}`);
  let refused = null;
  try {
    await client.portingOrders.create({ phone_numbers: ['3035550000'] });
  } catch (e) {
    refused = e;
  }
  if (!(refused instanceof Telnyx.APIError) || refused.status !== 422) {
    fail(`a bad number should be a 422 APIError, got ${refused}`);
  }
} catch (e) {
  server.kill('SIGKILL');
  fail(`the SDK call failed: ${e?.stack ?? e}`);
}

server.kill('SIGTERM');
const { code, signal } = await within(WAIT_MS, exited, 'the server stopping').catch((e) => fail(e.message));
if (code !== 0) fail(`the server exited with ${code ?? signal} after SIGTERM, not 0`);
console.log('node-sdk-smoke: ok');
