/**
 * The language server's features as pure functions of a document and its analysis; the LSP
 * wiring (server/lsp/main.ts) calls them with the current document version.
 */
export { codeActions, CODE_ACTION_KINDS } from "./codeActions";
export { codeLenses } from "./codeLens";
export { completion } from "./completion";
export { diagnostics } from "./diagnostics";
export type { DiagnosticData, DiagnosticFix } from "./diagnostics";
export { documentSymbols } from "./documentSymbols";
export { foldingRanges } from "./folding";
export { formatting } from "./formatting";
export { hover } from "./hover";
export { definition, references } from "./navigation";
export { prepareRename, rename } from "./rename";
export { semanticTokens, SEMANTIC_TOKENS_LEGEND } from "./semanticTokens";
