// Node module hooks that let Node load decap-cms-core's ES modules (dist/esm) as the browser bundle does:
// extensionless relative imports get `.js`, decap-cms-* packages resolve to their `module` build, and
// CommonJS packages imported by name (lodash/fp, ajv-keywords) get their named exports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DECAP_PACKAGE = /^decap-cms-[a-z-]+$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const requireHere = createRequire(import.meta.url);

export async function resolve(specifier, context, next) {
  if (DECAP_PACKAGE.test(specifier)) {
    const manifestUrl = (await next(`${specifier}/package.json`, context)).url;
    const dir = dirname(fileURLToPath(manifestUrl));
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.module) {
      return { url: pathToFileURL(join(dir, manifest.module)).href, format: 'module', shortCircuit: true };
    }
  }
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    for (const tail of ['.js', '/index.js']) {
      try {
        return await next(specifier + tail, context);
      } catch {
        // try the next spelling
      }
    }
    throw error;
  }
}

export async function load(url, context, next) {
  const result = await next(url, context);
  if (result.format !== 'commonjs' || !url.includes('/node_modules/')) return result;
  const file = fileURLToPath(url);
  let names;
  try {
    names = Object.keys(requireHere(file)).filter(name => IDENTIFIER.test(name) && name !== 'default');
  } catch {
    return result;
  }
  const lines = [
    `import { createRequire } from 'node:module';`,
    `const m = createRequire(import.meta.url)(${JSON.stringify(file)});`,
    `export default m;`,
    ...names.map((name, i) => `const x${i} = m[${JSON.stringify(name)}]; export { x${i} as ${name} };`),
  ];
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}
