import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { settingsSection } from "../../client/settings";

interface Manifest {
  icon: string;
  activationEvents: string[];
  contributes: {
    languages: {
      id: string;
      extensions: string[];
      configuration: string;
      icon: { light: string; dark: string };
    }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    configuration: { properties: Record<string, { enum?: string[]; default?: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Manifest;
const nas = manifest.contributes.languages.find((language) => language.id === "nas");

describe("extension manifest for .nas", () => {
  test("activates on the nas language, which owns the .nas extension", () => {
    assert.ok(manifest.activationEvents.includes("onLanguage:nas"));
    assert.deepEqual(nas?.extensions, [".nas"]);
    assert.ok(existsSync(nas.configuration), nas.configuration);
  });

  test("the grammar it names exists and declares the same scope", () => {
    const [grammar] = manifest.contributes.grammars.filter((g) => g.language === "nas");
    const file = JSON.parse(readFileSync(grammar.path, "utf8")) as { scopeName: string };
    assert.equal(file.scopeName, grammar.scopeName);
  });

  test("the snippets it names exist", () => {
    const paths = manifest.contributes.snippets.filter((s) => s.language === "nas").map((s) => s.path);
    assert.equal(paths.length, 1);
    for (const path of paths) assert.ok(existsSync(path), path);
  });

  test("file icons are 16×16 SVGs, one for light and one for dark themes", () => {
    const { light, dark } = nas?.icon ?? { light: "", dark: "" };
    assert.notEqual(light, dark);
    for (const path of [light, dark])
      assert.match(readFileSync(path, "utf8"), /<svg[^>]*viewBox="0 0 16 16"/, path);
  });

  test("the extension icon is a 128×128 PNG", () => {
    const png = readFileSync(manifest.icon);
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    // IHDR: width and height are the first two big-endian words after the chunk header.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  test("settings sit in the section the language client reads, trace.server among them", () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(`${settingsSection}.`), key);
    const trace = properties[`${settingsSection}.trace.server`];
    assert.deepEqual(trace.enum, ["off", "messages", "verbose"]);
    assert.equal(trace.default, "off");
  });
});
