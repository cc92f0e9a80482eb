// The official MCP TypeScript SDK client driving `minrole mcp` over stdio: initialize, list the
// tools and resources, call every tool (structured results checked against their outputSchema by
// the SDK), then hostile traffic on a raw pipe: bad JSON, a huge message, deep nesting, path
// escapes (.., absolute, symlink), unknown tools. The server must answer each and keep running.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [, , MINROLE, SRC] = process.argv;
let passed = 0;
const failures = [];
function check(ok, name, detail = "") {
  if (ok) passed++;
  else failures.push(`FAIL: ${name}${detail ? "\n    " + String(detail).slice(0, 400) : ""}`);
}

// A working directory for the server with code to scan, and a symlink pointing out of it.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "minrole-mcp-"));
fs.mkdirSync(path.join(work, "src"));
fs.writeFileSync(path.join(work, "src", "sync.js"),
  "await fetch(`${base}/rest/v1/leads.json?filterType=email`);\naxios.post(base + '/rest/v1/leads.json', body);\n");
fs.symlinkSync("/etc", path.join(work, "escape"));

const transport = new StdioClientTransport({ command: MINROLE, args: ["mcp"], cwd: work, stderr: "pipe" });
const client = new Client({ name: "minrole-test", version: "1.0.0" });
await client.connect(transport);
check(client.getServerVersion()?.name === "minrole", "serverInfo names minrole", JSON.stringify(client.getServerVersion()));
check(["2025-11-25", "2025-06-18"].includes(transport._protocolVersion ?? LATEST_PROTOCOL_VERSION), "protocol version negotiated");

const { tools } = await client.listTools();
const names = tools.map((t) => t.name).sort();
check(JSON.stringify(names) === JSON.stringify(["allows", "audit", "diff", "explain", "recommend", "scan"]),
  "tools/list lists the six tools", names);
for (const t of tools) check(t.inputSchema?.type === "object", `${t.name} has an input schema`);

const role = fs.readFileSync(path.join(SRC, "examples/roles/over-broad.yaml"), "utf8");
const minimal = fs.readFileSync(path.join(SRC, "examples/roles/crm-lead-sync-minimal.yaml"), "utf8");
const intent = fs.readFileSync(path.join(SRC, "examples/crm-lead-sync.yaml"), "utf8");

async function call(name, args) {
  return client.callTool({ name, arguments: args });
}
let r = await call("recommend", { intent });
check(!r.isError && r.structuredContent?.schema === "minrole/recommendation/v1", "recommend returns minrole/recommendation/v1");
check(JSON.stringify(r.structuredContent?.workspaces?.[0]?.permissions) ===
  JSON.stringify(["Read-Only Activity", "Read-Write Company", "Read-Write Lead"]), "recommend gives the CLI's minimal role",
  JSON.stringify(r.structuredContent?.workspaces?.[0]?.permissions));
r = await call("recommend", { operations: ["GET /rest/v1/leads.json"] });
check(!r.isError && r.structuredContent.workspaces[0].permissions.length === 1, "recommend from operations");
r = await call("explain", { subject: "Read-Write Lead" });
check(!r.isError && r.structuredContent?.kind === "permission", "explain a permission");
r = await call("explain", { subject: "GET /rest/v1/leads.json" });
check(!r.isError && r.structuredContent?.kind === "endpoint", "explain an endpoint");
r = await call("explain", { subject: "Read-Write Leed" });
check(r.isError === true && /did you mean permission 'Read-Write Lead'/.test(r.content[0].text), "explain a typo: tool error with a suggestion", r.content?.[0]?.text);
r = await call("audit", { role, intent });
check(!r.isError && r.structuredContent?.schema === "minrole/audit/v1" && r.structuredContent.findings.length > 0, "audit finds the over-broad grants");
r = await call("allows", { role: minimal });
check(!r.isError && r.structuredContent?.schema === "minrole/allows/v1", "allows");
r = await call("diff", { old: minimal, new: role });
check(!r.isError && r.structuredContent?.widens === true, "diff: the over-broad role widens");
r = await call("scan", { paths: ["src"] });
check(!r.isError && r.structuredContent?.schema === "minrole/scan/v1" &&
  r.structuredContent.operations.some((o) => o.endpoint === "GET /rest/v1/leads.json"), "scan finds the calls under the working directory",
  JSON.stringify(r.structuredContent ?? r.content));

// Tool errors, never crashes.
r = await call("allows", { role: "kind: role\npermissions: [Read-Wrte Lead]\n" });
check(r.isError === true && /role:2:\d+: unknown permission/.test(r.content[0].text), "a bad role is a located tool error", r.content?.[0]?.text);
for (const p of ["..", "../..", "/etc", "/", "escape", "escape/passwd", "src/../../"]) {
  r = await call("scan", { paths: [p] });
  check(r.isError === true && /outside the working directory/.test(r.content[0].text), `scan refuses ${p}`, r.content?.[0]?.text);
}
r = await call("scan", { paths: [path.join(work, "src")] });
check(!r.isError, "scan accepts an absolute path inside the working directory", r.content?.[0]?.text);
r = await call("recommend", {});
check(r.isError === true, "recommend without operations is a tool error");
r = await call("audit", { role: 42, intent });
check(r.isError === true, "a wrong argument type is a tool error");
try {
  await call("rm", {});
  check(false, "an unknown tool is a protocol error");
} catch (e) {
  check(/unknown tool/.test(String(e)), "an unknown tool is a protocol error", e);
}

const { resources } = await client.listResources();
check(resources.some((x) => x.uri === "minrole://catalog/permissions") && resources.some((x) => x.uri === "minrole://rules/endpoints"),
  "resources: the catalog and the rules");
const catalog = await client.readResource({ uri: "minrole://catalog/permissions" });
check(JSON.parse(catalog.contents[0].text).permissions.length >= 40, "the catalog resource lists the permissions");
const rules = await client.readResource({ uri: "minrole://rules/endpoints" });
check(JSON.parse(rules.contents[0].text).endpoints.length >= 300, "the rules resource lists the endpoints");
check((await client.ping()) !== undefined, "ping after everything");
await client.close();

// Raw hostile traffic: each line gets an answer and the server stays up.
async function raw(lines) {
  const child = spawn(MINROLE, ["mcp", "--max-message-bytes", "65536"], { cwd: work });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  for (const l of lines) child.stdin.write(l + "\n");
  child.stdin.end();
  const code = await new Promise((res) => child.on("close", res));
  return { code, responses: out.split("\n").filter(Boolean).map((l) => JSON.parse(l)) };
}
const hostile = await raw([
  "{not json",
  "x".repeat(200000),
  "[".repeat(60000),
  JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "recommend", arguments: { operations: ["GET /x".repeat(5000)] } } }),
  "[]",
  JSON.stringify({ jsonrpc: "2.0", id: 2, method: "no/such/method" }),
  JSON.stringify({ jsonrpc: "2.0", id: { a: 1 }, method: "ping" }),
  JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "diff", arguments: { old: "*a", new: "&a [" } } }),
  JSON.stringify({ jsonrpc: "2.0", id: 4, method: "ping" }),
]);
check(hostile.code === 0, "the server exits 0 at end of input", hostile.code);
check(hostile.responses.length === 9, "every hostile line is answered", JSON.stringify(hostile.responses).slice(0, 400));
const codes = hostile.responses.map((x) => x.error?.code ?? (x.result?.isError ? "tool-error" : "ok"));
check(JSON.stringify(codes) === JSON.stringify([-32700, -32600, -32700, "ok", -32600, -32601, -32600, "tool-error", "ok"]),
  "hostile answers: parse error, too large, too deep, a 30 kB operation (answered), batch, unknown method, bad id, tool error, ping", JSON.stringify(codes));

fs.rmSync(work, { recursive: true, force: true });
console.log(failures.join("\n"));
console.log(`mcp: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
