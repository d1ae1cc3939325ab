// The extension's settings section. The language client uses it as its id, which is how it finds
// `supernet.trace.server`.
export const settingsSection = "supernet";
