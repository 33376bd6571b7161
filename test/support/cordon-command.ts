import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/*
 * The `cordon` command the tests run, as one JavaScript file built once per test run.
 *
 * `bin/cordon.js` runs the TypeScript through tsx, whose loader hooks resolve and load each of the
 * application's several hundred modules on every start: 5–7 s of CPU before `cordon --help` printed
 * anything on this two-core machine under the suite's load, against 2–3 s for the same sources
 * bundled by esbuild (the compiler tsx itself uses), packages left to Node (`packages: 'external'`).
 * The tests of the command start it some two hundred times. The bundle is the same sources: each
 * module's `import.meta.url` is its own source file's address, so the files it finds beside itself
 * (migrations, views, fonts, locales, the scoring worker) are the ones `bin/cordon.js` finds. It is
 * written inside the repository (`node_modules/.cache`) so that its packages resolve as the
 * sources' do. One test still runs `bin/cordon.js` itself (src/cli/users.test.ts).
 */
const root = path.resolve(import.meta.dirname, '../..');

const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Builds the bundle and gives its path. */
export async function buildCordonCommand(): Promise<string> {
  const outfile = path.join(root, 'node_modules/.cache/cordon-test', `cordon-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    plugins: [ownImportMetaUrl],
    logLevel: 'warning',
  });
  return outfile;
}
