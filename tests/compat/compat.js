// Drives a running `faultline proxy` through Toxiproxy's Node client, unchanged, and checks what
// comes back. Usage: node compat.js http://127.0.0.1:PORT UPSTREAM_HOST:PORT
// Prints "compat: N checks passed" and exits 0, or prints the failed check and exits 1.
"use strict";

const assert = require("node:assert/strict");
const { Toxiproxy } = require("toxiproxy-node-client");

const [api, upstream] = process.argv.slice(2);
let checks = 0;

function check(condition, what) {
  assert.ok(condition, what);
  checks += 1;
}

function equal(actual, expected, what) {
  assert.deepEqual(actual, expected, what);
  checks += 1;
}

async function rejects(promise, what) {
  await assert.rejects(promise, what);
  checks += 1;
}

async function proxies(toxiproxy) {
  const created = await toxiproxy.createProxy({ name: "compat", listen: "127.0.0.1:0", upstream });
  equal(created.name, "compat", "createProxy answers the proxy's name");
  check(/^127\.0\.0\.1:[1-9][0-9]*$/.test(created.listen), `listen has the real port: ${created.listen}`);
  equal(created.enabled, true, "a new proxy is enabled");
  const all = await toxiproxy.getAll();
  check("compat" in all, "getAll lists the proxy by name");
  const fetched = await toxiproxy.get("compat");
  equal(fetched.upstream, upstream, "get shows the upstream");
  equal(fetched.listen, created.listen, "get shows the same listen address");
  const disabled = await fetched.update({ enabled: false, listen: fetched.listen, upstream });
  equal(disabled.enabled, false, "update disables the proxy");
  return created;
}

async function toxics(proxy) {
  const toxic = await proxy.addToxic({
    name: "lag", type: "latency", stream: "downstream", toxicity: 1,
    attributes: { latency: 100, jitter: 10 },
  });
  equal(toxic.name, "lag", "addToxic answers the toxic's name");
  equal(toxic.type, "latency", "addToxic answers the type");
  equal(toxic.stream, "downstream", "addToxic answers the stream");
  equal(toxic.attributes, { latency: 100, jitter: 10 }, "addToxic answers the attributes");
  const updated = await toxic.update({ toxicity: 0.5, attributes: { latency: 250 } });
  equal(updated.toxicity, 0.5, "update changes the toxicity");
  equal(updated.attributes, { latency: 250, jitter: 10 }, "update merges the attributes");
  const fetched = await proxy.getToxic("lag");
  equal(fetched.attributes.latency, 250, "getToxic shows the update");
  const whole = await fetched.update(fetched.toJson());
  equal(whole.attributes, { latency: 250, jitter: 10 }, "the whole toxic sent back changes nothing");
  await fetched.remove();
  await rejects(proxy.getToxic("lag"), "a removed toxic is gone (404)");
  await rejects(proxy.addToxic({ name: "bad", type: "nonsense", stream: "downstream", toxicity: 1, attributes: {} }),
    "an unknown toxic type is refused");
}

async function populateAndReset(toxiproxy, proxy) {
  const populated = await toxiproxy.populate([
    { name: "compat", listen: proxy.listen, upstream },
    { name: "second", listen: "127.0.0.1:0", upstream },
  ]);
  check("second" in populated, "populate creates a new proxy");
  equal(populated.compat.listen, proxy.listen, "populate keeps an unchanged proxy");
  await (await toxiproxy.get("compat")).addToxic({
    name: "cut", type: "bandwidth", stream: "upstream", toxicity: 1, attributes: { rate: 1 },
  });
  await (await toxiproxy.get("compat")).update({ enabled: false, listen: proxy.listen, upstream });
  await toxiproxy.reset();
  const after = await toxiproxy.get("compat");
  equal(after.enabled, true, "reset enables every proxy");
  await rejects(after.getToxic("cut"), "reset removes every toxic");
  await (await toxiproxy.get("second")).remove();
  await rejects(toxiproxy.get("second"), "a removed proxy is gone (404)");
  await (await toxiproxy.get("compat")).remove();
}

async function main() {
  if (!api || !upstream) {
    console.error("usage: node compat.js http://127.0.0.1:PORT UPSTREAM_HOST:PORT");
    process.exit(2);
  }
  const toxiproxy = new Toxiproxy(api);
  const version = JSON.parse(await toxiproxy.getVersion());
  check(typeof version.version === "string" && version.version.length > 0, "getVersion answers a version");
  const proxy = await proxies(toxiproxy);
  await toxics(proxy);
  await populateAndReset(toxiproxy, proxy);
  equal(Object.keys(await toxiproxy.getAll()).length, 0, "every proxy was removed");
  console.log(`compat: ${checks} checks passed`);
}

main().catch((error) => {
  console.error(`compat: FAILED after ${checks} checks: ${error.stack || error}`);
  process.exit(1);
});
