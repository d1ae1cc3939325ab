// A small TextMate tokenizer for tests. vscode-textmate and its Oniguruma wasm are not installed here,
// so this follows that engine's rules for the subset the .nas grammar uses (match, begin/end with
// captures, include of repository rules) with JavaScript regexes, which is also how the tests check
// that the grammar stays JS-compatible.
import { readFileSync } from "node:fs";

type Captures = Record<string, { name?: string }>;

export interface Rule {
  name?: string;
  contentName?: string;
  comment?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
}

export interface Grammar {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

export interface Token {
  text: string;
  scopes: string[];
}

export function loadGrammar(path: string): Grammar {
  return JSON.parse(readFileSync(path, "utf8")) as Grammar;
}

/** Every rule in the grammar with a label saying where it sits, for checks over all rules. */
export function allRules(grammar: Grammar): { where: string; rule: Rule }[] {
  const found: { where: string; rule: Rule }[] = [];
  const walk = (rule: Rule, where: string): void => {
    found.push({ where, rule });
    rule.patterns?.forEach((child, i) => walk(child, `${where}.patterns[${i}]`));
  };
  grammar.patterns.forEach((rule, i) => walk(rule, `patterns[${i}]`));
  for (const [name, rule] of Object.entries(grammar.repository)) walk(rule, `repository.${name}`);
  return found;
}

/** Replaces includes by the rules they name, recursively, keeping the order that decides ties. */
function expand(grammar: Grammar, rules: readonly Rule[], seen = new Set<Rule>()): Rule[] {
  return rules.flatMap((rule) => {
    if (rule.include === undefined) return rule.match !== undefined || rule.begin !== undefined ? [rule] : [];
    const target =
      rule.include === "$self" ? { patterns: grammar.patterns } : grammar.repository[rule.include.slice(1)];
    if (target === undefined) throw new Error(`include ${rule.include} names no rule`);
    if (target.match !== undefined || target.begin !== undefined) return [target];
    if (seen.has(target)) return [];
    return expand(grammar, target.patterns ?? [], new Set([...seen, target]));
  });
}

const compiled = new Map<string, RegExp>();
function search(source: string, line: string, from: number): RegExpExecArray | null {
  let regex = compiled.get(source);
  if (regex === undefined) {
    regex = new RegExp(source, "dgu");
    compiled.set(source, regex);
  }
  regex.lastIndex = from;
  return regex.exec(line);
}

interface Frame {
  rule: Rule;
  scopes: string[];
  contentScopes: string[];
}

function paint(target: string[][], start: number, end: number, scopes: string[]): void {
  for (let i = start; i < end; i++) target[i] = scopes;
}

function paintCaptures(
  target: string[][],
  match: RegExpExecArray,
  scopes: string[],
  captures?: Captures,
): void {
  for (const [group, capture] of Object.entries(captures ?? {})) {
    const span = match.indices?.[Number(group)];
    if (span !== undefined && capture.name !== undefined)
      paint(target, span[0], span[1], [...scopes, capture.name]);
  }
}

function withName(scopes: string[], name?: string): string[] {
  return name === undefined ? scopes : [...scopes, name];
}

/** Tokenizes text line by line; regions (block comments) carry over from one line to the next. */
export function tokenize(grammar: Grammar, text: string): Token[][] {
  const stack: Frame[] = [];
  return text.split("\n").map((line) => {
    const scopes: string[][] = new Array<string[]>(line.length);
    let pos = 0;
    while (pos <= line.length) {
      const frame = stack.at(-1);
      const base = frame?.contentScopes ?? [grammar.scopeName];
      // The end pattern is tried first, so it wins a tie with the region's own patterns.
      const endMatch = frame?.rule.end === undefined ? null : search(frame.rule.end, line, pos);
      let best: { rule?: Rule; match: RegExpExecArray } | undefined = endMatch
        ? { match: endMatch }
        : undefined;
      for (const rule of expand(grammar, frame ? (frame.rule.patterns ?? []) : grammar.patterns)) {
        const match = search(rule.match ?? rule.begin ?? "", line, pos);
        if (match && (best === undefined || match.index < best.match.index)) best = { rule, match };
      }
      if (best === undefined) {
        paint(scopes, pos, line.length, base);
        break;
      }
      const { rule, match } = best;
      const end = match.index + match[0].length;
      paint(scopes, pos, match.index, base);
      pos = end;
      if (rule === undefined) {
        // Only a region's end pattern leaves `rule` unset, so the frame is there to close.
        const closing = stack.pop() as Frame;
        paint(scopes, match.index, end, closing.scopes);
        paintCaptures(scopes, match, closing.scopes, closing.rule.endCaptures ?? closing.rule.captures);
        continue;
      }
      if (match[0].length === 0) throw new Error(`rule ${rule.match ?? rule.begin} matches empty text`);
      const ruleScopes = withName(base, rule.name);
      paint(scopes, match.index, end, ruleScopes);
      if (rule.begin !== undefined) {
        paintCaptures(scopes, match, ruleScopes, rule.beginCaptures ?? rule.captures);
        stack.push({ rule, scopes: ruleScopes, contentScopes: withName(ruleScopes, rule.contentName) });
      } else {
        paintCaptures(scopes, match, ruleScopes, rule.captures);
      }
    }
    return toTokens(line, scopes);
  });
}

function toTokens(line: string, scopes: string[][]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < line.length; i++) {
    const last = tokens.at(-1);
    if (last !== undefined && last.scopes.join(" ") === scopes[i].join(" ")) last.text += line[i];
    else tokens.push({ text: line[i], scopes: scopes[i] });
  }
  return tokens;
}
