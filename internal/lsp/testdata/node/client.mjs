// A language client built on VS Code's own protocol layer
// (vscode-jsonrpc, vscode-languageserver-protocol), independent of the
// server's Go library. It drives one session of "trapvet lsp" on a copy of
// testdata/mod and exits non-zero, saying why, on the first surprise.
//
//	node client.mjs <trapvet binary> <fixture directory>
//
// Run by TestNodeClient in internal/lsp (go test ./internal/lsp).

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import lsp from 'vscode-languageserver-protocol/node';

const [bin, dir] = process.argv.slice(2);
const file = join(dir, 'fixture.go');
const fileURI = pathToFileURL(file).href;
const testURI = pathToFileURL(join(dir, 'fixture_test.go')).href;

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}
function check(cond, msg) {
  if (!cond) fail(msg);
}
const timer = setTimeout(() => fail('session took over 100 s'), 100_000);

const server = spawn(bin, ['lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
const conn = lsp.createProtocolConnection(
  new rpc.StreamMessageReader(server.stdout),
  new rpc.StreamMessageWriter(server.stdin),
);

const diagnostics = new Map();
const logs = [];
let endWaiters = [];
conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => diagnostics.set(p.uri, p.diagnostics));
conn.onNotification(lsp.LogMessageNotification.type, (p) => logs.push(p.message));
const progress = [];
// Each analysis creates a progress token, then begins and ends it.
conn.onRequest(lsp.WorkDoneProgressCreateRequest.type, ({ token }) => {
  conn.onProgress(lsp.WorkDoneProgress.type, token, (value) => {
    progress.push(value.kind);
    if (value.kind === 'end') {
      const waiters = endWaiters;
      endWaiters = [];
      waiters.forEach((w) => w(value.message));
    }
  });
  return null;
});
conn.onRequest(lsp.RegistrationRequest.type, () => null);
conn.listen();

// analysisEnd resolves with the message of the next analysis's end.
const analysisEnd = () => new Promise((resolve) => endWaiters.push(resolve));

// applyEdit applies a WorkspaceEdit to the files on disk. JavaScript
// strings count UTF-16 code units, as LSP positions do.
function applyEdit(edit) {
  for (const [uri, edits] of Object.entries(edit.changes)) {
    const path = fileURLToPath(uri);
    let text = readFileSync(path, 'utf8');
    const offset = (pos) => {
      const lines = text.split('\n');
      let off = 0;
      for (let i = 0; i < pos.line; i++) off += lines[i].length + 1;
      return off + pos.character;
    };
    const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
    for (const e of sorted) {
      text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    }
    writeFileSync(path, text);
  }
}

const init = await conn.sendRequest(lsp.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'fixture' }],
  capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true } },
});
check(init.serverInfo && init.serverInfo.name === 'trapvet', 'serverInfo: ' + JSON.stringify(init.serverInfo));
check(init.capabilities.codeActionProvider, 'no codeActionProvider');
check(init.capabilities.textDocumentSync && init.capabilities.textDocumentSync.save, 'no save notifications asked for');
await conn.sendNotification(lsp.InitializedNotification.type, {});

let end = analysisEnd();
await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
  textDocument: { uri: fileURI, languageId: 'go', version: 1, text: readFileSync(file, 'utf8') },
});
console.log('analysis: ' + (await end));

const diags = diagnostics.get(fileURI) || [];
check(diags.length === 1, 'want 1 diagnostic on fixture.go, got ' + JSON.stringify(diags) + '\nlogs: ' + logs.join('\n'));
const d = diags[0];
const line = readFileSync(file, 'utf8').split('\n')[15];
check(d.range.start.line === 15 && d.range.start.character === line.indexOf('defer'),
  'range start ' + JSON.stringify(d.range.start) + ', want UTF-16 column ' + line.indexOf('defer'));
check(d.severity === lsp.DiagnosticSeverity.Warning, 'severity ' + d.severity);
check(d.source === 'trapvet' && d.code === 'deferloop', `source ${d.source}, code ${d.code}`);
check(d.codeDescription && d.codeDescription.href === 'https://github.com/trapvet/trapvet/blob/main/docs/deferloop.md',
  'codeDescription ' + JSON.stringify(d.codeDescription));
check(d.relatedInformation && d.relatedInformation.length === 1 && d.relatedInformation[0].location.range.start.line === 10,
  'relatedInformation ' + JSON.stringify(d.relatedInformation));
check(Array.isArray(diagnostics.get(testURI)) && diagnostics.get(testURI).length === 0,
  'fixture_test.go (test file of the package, -deferloop.tests off): ' + JSON.stringify(diagnostics.get(testURI)));
check(progress.join(',') === 'begin,end', 'progress ' + progress.join(','));
console.log('diagnostic: ' + d.message);

const actions = await conn.sendRequest(lsp.CodeActionRequest.type, {
  textDocument: { uri: fileURI },
  range: d.range,
  context: { diagnostics: [d], only: [lsp.CodeActionKind.QuickFix] },
});
check(actions.length === 2, 'want a fix and a suppression, got ' + JSON.stringify(actions.map((a) => a.title)));
check(actions[0].kind === 'quickfix' && actions[0].isPreferred && actions[0].edit, 'fix action ' + JSON.stringify(actions[0]));
check(actions[1].title === 'Suppress deferloop on this line', 'second action ' + actions[1].title);
const refactors = await conn.sendRequest(lsp.CodeActionRequest.type, {
  textDocument: { uri: fileURI },
  range: d.range,
  context: { diagnostics: [d], only: [lsp.CodeActionKind.Refactor] },
});
check(refactors.length === 0, 'refactor actions asked, got ' + JSON.stringify(refactors));
applyEdit(actions[0].edit);
check(readFileSync(file, 'utf8').includes('\t\tfunc() {\n'), 'fix not applied:\n' + readFileSync(file, 'utf8'));
console.log('applied: ' + actions[0].title);

end = analysisEnd();
await conn.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: fileURI } });
console.log('analysis: ' + (await end));
check((diagnostics.get(fileURI) || ['missing']).length === 0, 'after the fix: ' + JSON.stringify(diagnostics.get(fileURI)));
console.log('diagnostics cleared');

await conn.sendRequest(lsp.ShutdownRequest.type);
await conn.sendNotification(lsp.ExitNotification.type);
const code = await exited;
check(code === 0, 'exit code ' + code);
clearTimeout(timer);
conn.dispose();
console.log('ok: session done, server exited 0');
