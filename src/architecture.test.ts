import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allCommands } from './modules/all-commands.testing.js';

/** The module boundaries of ARCHITECTURE.md, checked by dependency-cruiser (.dependency-cruiser.cjs). */
const run = promisify(execFile);
const depcruise = path.resolve('node_modules/.bin/depcruise');
const config = path.resolve('.dependency-cruiser.cjs');

async function violations(cwd: string): Promise<string[]> {
  const { stdout } = await run(depcruise, ['src', '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    // depcruise exits non-zero when it finds violations; its JSON is still on standard output.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const result = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('module boundaries', () => {
  it('hold in the code: a pure domain, a platform that imports no module, no module reading another’s tables', async () => {
    expect(await violations(process.cwd())).toEqual([]);
  });

  it('are enforced: each rule catches its breach and lets a service call through', async () => {
    expect(await violations(path.resolve('test/fixtures/boundaries'))).toEqual([
      'domain-is-pure: src/domain/impure.ts → fs',
      'module-reads-only-its-own-tables: src/modules/finance/reads-casework.ts → src/modules/casework/schema.ts',
      'platform-imports-no-module: src/platform/leaky.ts → src/modules/casework/service.ts',
    ]);
  });
});

/** Which module imports which (outside tests), from dependency-cruiser's graph of `src`. */
async function moduleGraph(cwd: string): Promise<Map<string, Set<string>>> {
  const { stdout } = await run(depcruise, ['src', '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const result = JSON.parse(stdout) as { modules: { source: string; dependencies: { resolved: string }[] }[] };
  const graph = new Map<string, Set<string>>();
  const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
  for (const file of result.modules) {
    const from = moduleOf(file.source);
    if (!from || /\.test(ing)?\.ts$/.test(file.source)) continue;
    for (const dependency of file.dependencies) {
      const to = moduleOf(dependency.resolved);
      if (to && to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every way round the module graph (a module reaching itself through others), each from its first module in alphabetical order. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]) => {
    for (const next of graph.get(path.at(-1)!) ?? []) {
      if (next === path[0]) found.add([...path, next].join(' → '));
      else if (!path.includes(next) && next > path[0]!) walk([...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk([start]);
  return [...found].sort();
}

describe('modules', () => {
  it('reach each other one way only: no module reaches itself through others', async () => {
    expect(cycles(await moduleGraph(process.cwd()))).toEqual([]);
  });

  it('are checked for it: two modules that import each other are named', async () => {
    expect(cycles(await moduleGraph(path.resolve('test/fixtures/boundaries')))).toEqual(['casework → finance → casework']);
  });
});

/**
 * SQL written by hand that names another module's table (`from x`, `join x`), module by module: each
 * module's tables are the PgTables its schema.ts exports. A module reads another's through that
 * module's published query (a sub-select or function of its queries.ts/service.ts) instead.
 */
async function sqlReadsOfOtherModules(modulesDir: string): Promise<string[]> {
  const modules = fs.readdirSync(modulesDir).filter((m) => fs.statSync(path.join(modulesDir, m)).isDirectory());
  const owners = new Map<string, string[]>();
  for (const module of modules) {
    const file = path.resolve(modulesDir, module, 'schema.ts');
    if (!fs.existsSync(file)) continue;
    const exported = (await import(file)) as Record<string, unknown>;
    owners.set(module, Object.values(exported).filter((v): v is PgTable => is(v, PgTable)).map(getTableName));
  }
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
    });
  const reads: string[] = [];
  for (const module of modules) {
    for (const file of walk(path.resolve(modulesDir, module))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [owner, tables] of owners) {
        if (owner === module) continue;
        for (const table of tables) {
          if (new RegExp(`\\b(from|join)\\s+"?${table}"?\\b`, 'i').test(text)) reads.push(`${path.relative(path.resolve(modulesDir), file)} reads ${table} (${owner})`);
        }
      }
    }
  }
  return reads.sort();
}

describe('SQL written by hand', () => {
  it('reads no other module’s tables', async () => {
    expect(await sqlReadsOfOtherModules('src/modules')).toEqual([]);
  });

  it('is checked: a module’s SQL naming another’s table is found, its own tables and a published sub-select are not', async () => {
    expect(await sqlReadsOfOtherModules('test/fixtures/boundaries/src/modules')).toEqual(['finance/reads-casework-sql.ts reads cases (casework)']);
  });
});

/**
 * Commands whose decision (or check on who acts) still lives in their module, by module. Each is
 * being moved into src/domain (issue #11): the list only shrinks, and a command moved but still
 * named here fails the test as surely as a new command deciding outside the domain.
 */
const DECISIONS_NOT_YET_IN_THE_DOMAIN: readonly string[] = [];

/** Every function exported by a file of src/domain. */
async function domainFunctions(): Promise<Set<unknown>> {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
    });
  const functions = new Set<unknown>();
  for (const file of walk(path.resolve('src/domain'))) {
    for (const value of Object.values((await import(file)) as Record<string, unknown>)) if (typeof value === 'function') functions.add(value);
  }
  return functions;
}

describe('decisions', () => {
  it('are the domain’s: every command’s decide (and authorise) is a function exported by src/domain', async () => {
    // One after the other: two concurrent imports of one module graph can hand a module that is still
    // being evaluated to the second importer (a command would capture an undefined decide).
    const commands = await allCommands();
    const domain = await domainFunctions();
    expect(commands.size, 'no commands found: is src/modules/all-commands.testing.ts still finding them?').toBeGreaterThan(40);
    const outside = [...commands.values()]
      .filter((command) => !domain.has(command.decide) || (command.authorise !== undefined && !domain.has(command.authorise)))
      .map((command) => command.name)
      .sort();
    expect(outside, 'a command decides outside src/domain (or one moved is still on DECISIONS_NOT_YET_IN_THE_DOMAIN)').toEqual([...DECISIONS_NOT_YET_IN_THE_DOMAIN].sort());
  });

  it('are checked: a decision written in a module is found', async () => {
    const domain = await domainFunctions();
    const addCaseNote = (await allCommands()).get('addCaseNote')!;
    expect(domain.has(addCaseNote.decide)).toBe(true);
    expect(domain.has({ ...addCaseNote, decide: () => ({ ok: false, message: 'written here' }) }.decide)).toBe(false);
  });
});
