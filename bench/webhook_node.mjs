// The reference figure of the webhook benchmark: Node's built-in crypto.verify (OpenSSL's
// Ed25519) on the same message, signature and key. Run by bench/src/webhooks.rs; reads
// {"public_key", "signature", "message" (all base64), "iterations", "rounds"} on stdin and
// prints the median verifications per second.
import { createPublicKey, verify } from "node:crypto";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const key = createPublicKey({
  key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(job.public_key, "base64")]),
  format: "der",
  type: "spki",
});
const message = Buffer.from(job.message, "base64");
const signature = Buffer.from(job.signature, "base64");
if (!verify(null, message, key, signature)) throw new Error("node does not verify the benchmark's signature");
const rates = [];
for (let r = 0; r < job.rounds; r++) {
  const start = process.hrtime.bigint();
  let ok = 0;
  for (let i = 0; i < job.iterations; i++) ok += verify(null, message, key, signature) ? 1 : 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (ok !== job.iterations) throw new Error("a verification failed");
  rates.push(job.iterations / seconds);
}
rates.sort((a, b) => a - b);
console.log(Math.round(rates[Math.floor(rates.length / 2)]));
