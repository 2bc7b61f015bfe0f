/**
 * Facts about the source itself, read with TypeScript's own parser: the casts and non-null
 * assertions that hold the seams together, long functions, and import cycles — type-only imports
 * included, because a cycle through `import type` still ties two modules' designs together even
 * when the bundler erases it. `npm run stats` prints them; a test holds the cycles at zero.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface FileStats {
  file: string;
  /** `x as T` and `<T>x`, not `as const`. */
  casts: number;
  /** `x!`. */
  nonNull: number;
  /** Functions (declarations, methods, arrows, expressions) longer than the limit, by name. */
  longFunctions: { name: string; lines: number }[];
}

/** DESIGN.md §8: aim under 70 lines a function. */
export const LONG_FUNCTION_LINES = 70;

const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.(test|spec)\.tsx?$/;

/** Every TypeScript source file below `root`, tests included, as paths relative to `cwd`. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

export const isTest = (file: string) => TEST.test(file);

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

const isAsConst = (node: ts.AsExpression) =>
  ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const';

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
    return node.name.getText();
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

const isFunctionLike = (node: ts.Node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessor(node);

export function fileStats(file: string, text?: string): FileStats {
  const source = parse(file, text);
  const stats: FileStats = { file, casts: 0, nonNull: 0, longFunctions: [] };
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    if (ts.isAsExpression(node) && !isAsConst(node)) stats.casts++;
    if (ts.isTypeAssertionExpression(node)) stats.casts++;
    if (ts.isNonNullExpression(node)) stats.nonNull++;
    if (isFunctionLike(node)) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      if (lines > LONG_FUNCTION_LINES)
        stats.longFunctions.push({ name: functionName(node), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return stats;
}

// --- imports ------------------------------------------------------------------------------------

/** Relative imports and re-exports of a file, type-only ones included, resolved to files. */
export function importsOf(file: string, text?: string): string[] {
  const source = parse(file, text);
  const out: string[] = [];
  const add = (specifier: ts.Expression | undefined) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    out.push(resolve(dirname(file), specifier.text));
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) add(statement.moduleSpecifier);
    if (ts.isExportDeclaration(statement)) add(statement.moduleSpecifier);
  }
  return out;
}

/**
 * The import graph's cycles, as strongly connected components of more than one file (Tarjan's
 * algorithm), each a sorted list of paths relative to `cwd`.
 */
export function importCycles(files: readonly string[], cwd = process.cwd()): string[][] {
  const absolute = files.map((f) => resolve(f));
  const known = new Set(absolute);
  const edges = new Map(absolute.map((f) => [f, importsOf(f).filter((to) => known.has(to))]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(relative(cwd, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of absolute) if (!index.has(v)) connect(v);
  return cycles;
}
