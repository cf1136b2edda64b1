// The official Telnyx Node SDK (npm `telnyx`, pinned in package.json) uploading documents to a
// running sandbox the two ways it can: `documents.upload` (JSON posted to the literal
// `/documents?content-type=multipart`) and `documents.uploadJson` (JSON to `/documents`), then
// downloading each back. Run by tests/tests/sandbox_uploads.rs as:
//   node scripts/node-sdk-documents.mjs BASE_URL FILE
// It records every request the SDK makes (through the client's `fetch` option), checks the
// paths, methods and content types, and that each download is the file byte for byte, then
// prints one line: `node-sdk-documents: ok <upload id> <uploadJson id>`. Every wait is bounded.
import { readFile } from 'node:fs/promises';
import Telnyx from 'telnyx';

const [baseURL, path] = process.argv.slice(2);
if (!baseURL || !path) {
  console.error('usage: node scripts/node-sdk-documents.mjs BASE_URL FILE');
  process.exit(2);
}
const KEY = 'KEYSANDBOX_not_a_real_key';
const WAIT_MS = 20000;

function fail(message) {
  console.error(`node-sdk-documents: ${message}`);
  process.exit(1);
}

const sent = [];
async function recordingFetch(url, init) {
  const headers = new Headers(init?.headers);
  sent.push({ method: init?.method ?? 'GET', url: String(url), contentType: headers.get('content-type') });
  return fetch(url, init);
}

const client = new Telnyx({ apiKey: KEY, baseURL, maxRetries: 0, timeout: WAIT_MS, fetch: recordingFetch });
const bytes = await readFile(path);
const file = bytes.toString('base64');
const ids = [];
try {
  for (const [method, reference] of [
    ['upload', 'node-upload'],
    ['uploadJson', 'node-upload-json'],
  ]) {
    const uploaded = await client.documents[method]({
      document: { file, filename: 'loa.pdf', customer_reference: reference },
    });
    const doc = uploaded.data;
    if (!doc?.id || doc.filename !== 'loa.pdf' || doc.customer_reference !== reference) {
      fail(`${method}: ${JSON.stringify(uploaded)}`);
    }
    if (doc.size?.amount !== bytes.length) fail(`${method}: size ${JSON.stringify(doc.size)}`);
    const download = await client.documents.download(doc.id);
    const back = Buffer.from(await download.arrayBuffer());
    if (!back.equals(bytes)) fail(`${method}: the download differs (${back.length} bytes)`);
    ids.push(doc.id);
  }
} catch (e) {
  fail(`the SDK call failed: ${e?.stack ?? e}`);
}

const posts = sent.filter((r) => r.method === 'POST');
const expected = [`${baseURL}/documents?content-type=multipart`, `${baseURL}/documents`];
if (posts.length !== 2 || posts.some((r, i) => r.url !== expected[i])) {
  fail(`the uploads went to ${JSON.stringify(posts)}, expected ${JSON.stringify(expected)}`);
}
if (posts.some((r) => r.contentType !== 'application/json')) {
  fail(`the uploads were not JSON: ${JSON.stringify(posts)}`);
}
console.log(`node-sdk-documents: ok ${ids.join(' ')}`);
