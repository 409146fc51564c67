// The toewijzer extension: starts `toewijzer lsp` on stdio for `.rules`
// files. Plain JavaScript, so the folder runs as it is, without a build.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('toewijzer');
  const command = config.get('server.path', 'toewijzer');
  const run = { command, args: ['lsp'] };
  const serverOptions = { run, debug: run };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'toewijzer' }],
  };
  client = new LanguageClient('toewijzer', 'toewijzer', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('toewijzer.server.path')) {
        vscode.window.showInformationMessage('toewijzer: reload the window to use the new server path.');
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
