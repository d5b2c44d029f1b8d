// Turns @zatten/api's AppRouter into a self-contained declaration: every procedure's input and
// (JSON-serialized) output printed as plain structural types, the router's context dropped. The
// published client then describes the API without importing a single server package (db, ai,
// Kysely, Clerk, OpenAI), and the client infers exactly what it infers from the real router.
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROBE = path.join(ROOT, 'src', '__router_probe__.ts');

const PROBE_HEADER = `
import type { AppRouter } from '@zatten/api';
import type { inferProcedureInput, inferProcedureOutput } from '@trpc/server';
import type { Serialize } from '@trpc/server/unstable-core-do-not-import';
export type Rec = AppRouter['_def']['record'];
// As tRPC types it on the client: the formatter's return type, not serialized.
export type ErrorShape = AppRouter['_def']['_config']['$types']['errorShape'];
type Yield<O> = O extends AsyncIterable<infer Y, any, any> ? Y : never;
`;

interface Procedure {
  path: string[];
  kind: 'query' | 'mutation' | 'subscription';
}

function createProgram(probeSource: string, oldProgram?: ts.Program) {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) =>
    path.resolve(fileName) === PROBE
      ? ts.createSourceFile(fileName, probeSource, language)
      : getSourceFile(fileName, language, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => path.resolve(fileName) === PROBE || fileExists(fileName);
  const program = ts.createProgram({
    rootNames: [PROBE],
    options: config.options,
    host,
    oldProgram,
  });
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(PROBE));
  if (errors.length > 0) {
    throw new Error(ts.formatDiagnostics(errors, host));
  }
  return program;
}

function aliasType(program: ts.Program, name: string): ts.Type {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(PROBE);
  const symbol = file && checker.getSymbolAtLocation(file);
  const alias = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === name);
  if (!alias) throw new Error(`probe lacks ${name}`);
  return checker.getDeclaredTypeOfSymbol(alias);
}

/** Walks the router record: a property with `_def.type` is a procedure, anything else a router. */
function listProcedures(program: ts.Program): Procedure[] {
  const checker = program.getTypeChecker();
  const found: Procedure[] = [];
  const walk = (type: ts.Type, at: string[]) => {
    for (const property of checker.getPropertiesOfType(type)) {
      const value = checker.getTypeOfSymbol(property);
      const def = value.getProperty('_def');
      const kindSymbol = def && checker.getTypeOfSymbol(def).getProperty('type');
      const kind = kindSymbol && checker.getTypeOfSymbol(kindSymbol);
      if (kind?.isStringLiteral()) {
        found.push({ path: [...at, property.name], kind: kind.value as Procedure['kind'] });
      } else {
        walk(value, [...at, property.name]);
      }
    }
  };
  walk(aliasType(program, 'Rec'), []);
  return found;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** Prints a JSON-shaped type structurally; a type met again inside itself becomes a named alias. */
class Printer {
  readonly aliases = new Map<ts.Type, { name: string; text: string | null }>();
  private readonly stack: ts.Type[] = [];

  constructor(private readonly checker: ts.TypeChecker) {}

  print(type: ts.Type): string {
    const { checker } = this;
    const f = type.flags;
    if (f & ts.TypeFlags.Any) return 'any';
    if (f & ts.TypeFlags.Unknown) return 'unknown';
    if (f & ts.TypeFlags.Never) return 'never';
    if (f & ts.TypeFlags.Void) return 'void';
    if (f & ts.TypeFlags.Undefined) return 'undefined';
    if (f & ts.TypeFlags.Null) return 'null';
    if (f & ts.TypeFlags.String) return 'string';
    if (f & ts.TypeFlags.Number) return 'number';
    if (f & ts.TypeFlags.Boolean) return 'boolean';
    if (f & ts.TypeFlags.BigInt) return 'bigint';
    if (f & ts.TypeFlags.NonPrimitive) return 'object';
    if (f & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.NumberLiteral))
      return checker.typeToString(type);
    if (type.isStringLiteral()) return JSON.stringify(type.value);
    const known = this.aliases.get(type);
    if (known) return known.name;
    if (this.stack.includes(type)) {
      const name = `Recursive${this.aliases.size + 1}`;
      this.aliases.set(type, { name, text: null });
      return name;
    }
    this.stack.push(type);
    try {
      const text = this.printComposite(type);
      const alias = this.aliases.get(type);
      if (alias) {
        alias.text = text;
        return alias.name;
      }
      return text;
    } finally {
      this.stack.pop();
    }
  }

  private printComposite(type: ts.Type): string {
    const { checker } = this;
    if (type.isUnion()) {
      const parts = type.types;
      const hasTrue = parts.some((t) => checker.typeToString(t) === 'true');
      const hasFalse = parts.some((t) => checker.typeToString(t) === 'false');
      const printed = parts
        .filter((t) => !(hasTrue && hasFalse && t.flags & ts.TypeFlags.BooleanLiteral))
        .map((t) => this.wrap(t));
      if (hasTrue && hasFalse) printed.push('boolean');
      return printed.join(' | ');
    }
    if (type.isIntersection()) return type.types.map((t) => this.wrap(t)).join(' & ');
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return `Array<${element ? this.print(element) : 'unknown'}>`;
    }
    if (checker.isTupleType(type)) {
      return `[${checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t) => this.print(t))
        .join(', ')}]`;
    }
    if (type.getCallSignatures().length > 0) {
      throw new Error(`a function type in the API: ${checker.typeToString(type)}`);
    }
    const members: string[] = [];
    for (const info of checker.getIndexInfosOfType(type)) {
      members.push(`[key: ${this.print(info.keyType)}]: ${this.print(info.type)};`);
    }
    for (const property of checker.getPropertiesOfType(type)) {
      const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
      const value = checker.getTypeOfSymbol(property);
      members.push(`${key(property.name)}${optional}: ${this.print(value)};`);
    }
    return members.length > 0 ? `{ ${members.join(' ')} }` : '{}';
  }

  private wrap(type: ts.Type): string {
    const text = this.print(type);
    return type.isUnion() || type.isIntersection() ? `(${text})` : text;
  }
}

export async function generateRouterTypes(): Promise<string> {
  const first = createProgram(PROBE_HEADER);
  const procedures = listProcedures(first);
  const lines = procedures.map(({ path: at, kind }, index) => {
    const access = `Rec${at.map((part) => `[${JSON.stringify(part)}]`).join('')}`;
    const output =
      kind === 'subscription'
        ? `Serialize<Yield<inferProcedureOutput<${access}>>>`
        : `Serialize<inferProcedureOutput<${access}>>`;
    return `export type I${index} = inferProcedureInput<${access}>;\nexport type O${index} = ${output};`;
  });
  const program = createProgram(`${PROBE_HEADER}\n${lines.join('\n')}`, first);
  const checker = program.getTypeChecker();
  const printer = new Printer(checker);

  interface Node {
    [name: string]: Node | string;
  }
  const tree: Node = {};
  procedures.forEach(({ path: at, kind }, index) => {
    const input = printer.print(aliasType(program, `I${index}`));
    let output = printer.print(aliasType(program, `O${index}`));
    // A subscription's output is what it yields (tracked events arrive as { id, data }).
    if (kind === 'subscription') output = `AsyncIterable<${output}, void, any>`;
    const procedure = {
      query: 'TRPCQueryProcedure',
      mutation: 'TRPCMutationProcedure',
      subscription: 'TRPCSubscriptionProcedure',
    }[kind];
    let node = tree;
    for (const part of at.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Node;
    }
    node[at.at(-1) as string] =
      `${procedure}<{ input: ${input}; output: ${output}; meta: object }>`;
  });
  const render = (node: Node): string =>
    `{ ${Object.entries(node)
      .map(([name, value]) => `${key(name)}: ${typeof value === 'string' ? value : render(value)};`)
      .join(' ')} }`;

  const errorShape = printer.print(aliasType(program, 'ErrorShape'));
  const aliases = [...printer.aliases.values()].map(
    ({ name, text }) => `type ${name} = ${text ?? 'unknown'};`,
  );
  const source = [
    '// Generated by scripts/generate-router-types.ts from @zatten/api. Do not edit by hand:',
    '// run `pnpm --filter @zatten/client generate` after the API changes (a test fails until then).',
    '// The router as a client sees it: inputs, JSON outputs and the error shape, no server types.',
    "import type { TRPCBuiltRouter, TRPCDecorateCreateRouterOptions, TRPCMutationProcedure, TRPCQueryProcedure, TRPCSubscriptionProcedure } from '@trpc/server';",
    '',
    ...aliases,
    `/** The error shape the server's errorFormatter sends. */`,
    `export type ErrorShape = ${errorShape};`,
    '',
    '/** The Zatten API router type: what `createTRPCClient<AppRouter>` needs. */',
    `export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: object; errorShape: ErrorShape; transformer: false }, TRPCDecorateCreateRouterOptions<${render(tree)}>>;`,
    '',
  ].join('\n');
  return format(source);
}

/** Formats with the TypeScript printer so the committed file reads well and diffs small. */
function format(source: string): string {
  const file = ts.createSourceFile('router.ts', source, ts.ScriptTarget.Latest, true);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const header = source.slice(0, source.indexOf('import'));
  const body = printer.printFile(file);
  return header + body.slice(body.indexOf('import'));
}
