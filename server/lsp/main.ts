/**
 * The language server process: thin LSP handlers over the pure language core. Started by the
 * extension over IPC, or with `--stdio` by other editors and the protocol tests.
 */
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from "vscode-languageserver/node";
import { AnalysisCache } from "./analysisCache";
import * as features from "./features";
import { registerPanelHandlers } from "./panels";
import { registerRunHandlers } from "./runs";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache((message) => connection.console.error(message));

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: [".", "(", " ", "{", ":", "=", ","] },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentFormattingProvider: true,
    codeLensProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: features.CODE_ACTION_KINDS },
    semanticTokensProvider: { legend: features.SEMANTIC_TOKENS_LEGEND, full: true },
  },
  serverInfo: { name: "supernet-language-server", version: "0.1.0" },
}));

/** Runs a handler on the current version of an open document; nothing for documents not open. */
function withDocument<T>(uri: string, fallback: T, handler: (doc: TextDocument) => T): T {
  const doc = documents.get(uri);
  return doc ? handler(doc) : fallback;
}

documents.onDidChangeContent(({ document }) => {
  const analysis = cache.get(document);
  void connection.sendDiagnostics({
    uri: document.uri,
    version: document.version,
    diagnostics: features.diagnostics(document, analysis),
  });
});

documents.onDidClose(({ document }) => {
  cache.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onHover(({ textDocument, position }) =>
  withDocument(textDocument.uri, null, (doc) => features.hover(doc, cache.get(doc), position)),
);
connection.onCompletion(({ textDocument, position }) =>
  withDocument(textDocument.uri, [], (doc) => features.completion(doc, cache.get(doc), position)),
);
connection.onDefinition(({ textDocument, position }) =>
  withDocument(textDocument.uri, null, (doc) => features.definition(doc, cache.get(doc), position)),
);
connection.onReferences(({ textDocument, position, context }) =>
  withDocument(textDocument.uri, [], (doc) =>
    features.references(doc, cache.get(doc), position, context.includeDeclaration),
  ),
);
connection.onPrepareRename(({ textDocument, position }) =>
  withDocument(textDocument.uri, null, (doc) => features.prepareRename(doc, cache.get(doc), position)),
);
connection.onRenameRequest(({ textDocument, position, newName }) =>
  withDocument(textDocument.uri, null, (doc) => features.rename(doc, cache.get(doc), position, newName)),
);
connection.onDocumentSymbol(({ textDocument }) =>
  withDocument(textDocument.uri, [], (doc) => features.documentSymbols(doc, cache.get(doc))),
);
connection.onFoldingRanges(({ textDocument }) =>
  withDocument(textDocument.uri, [], (doc) => features.foldingRanges(doc, cache.get(doc))),
);
connection.onDocumentFormatting(({ textDocument, options }) =>
  withDocument(textDocument.uri, [], (doc) => features.formatting(doc, options)),
);
connection.onCodeLens(({ textDocument }) =>
  withDocument(textDocument.uri, [], (doc) => features.codeLenses(doc, cache.get(doc))),
);
connection.onCodeAction((params) =>
  withDocument(params.textDocument.uri, [], (doc) => features.codeActions(doc, cache.get(doc), params)),
);
connection.languages.semanticTokens.on(({ textDocument }) =>
  withDocument(textDocument.uri, { data: [] }, (doc) => features.semanticTokens(doc, cache.get(doc))),
);

registerRunHandlers(connection);
registerPanelHandlers(connection, documents, cache);

documents.listen(connection);
connection.listen();
