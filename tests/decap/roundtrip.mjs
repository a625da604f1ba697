// Open and save every given file through decap-server as the editor does, with Decap's own formatter:
// entriesByFolder and getEntry, parse (entryWithFormat), save unchanged (draft, serializeValues, entryToRaw),
// persistEntry in the editorial workflow (unpublished entry branches cms/<collection>/<slug>): per collection the
// first entry alone, as the editor saves one entry, and the rest in one commit.
// argv: API address, JSON file {collections, files:[{collection, path}]}. stdout: JSON {sameAsDecap, results}.
import { readFileSync } from 'node:fs';
import { collectionOf, openEntry, saveEntry, sameAsDecap, slugOf, versions } from './entry.mjs';

const [api, requestFile] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestFile, 'utf8'));
const collections = Object.fromEntries(request.collections.map(c => [c.name, collectionOf(c)]));
const BRANCH = 'main';

async function call(action, params) {
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ action, params: { branch: BRANCH, ...params } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${action} ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Decap's getPathDepth: how deep entriesByFolder lists a collection whose `path` has subfolders. */
const depthOf = collection => (collection.get('path') ? collection.get('path').split('/').length : 1);

const results = [];
const byCollection = new Map();
for (const file of request.files) {
  if (!byCollection.has(file.collection)) byCollection.set(file.collection, []);
  byCollection.get(file.collection).push(file.path);
}

/** persistEntry in the editorial workflow: the files in one commit on the entry branch of the first file's slug. */
async function persist(name, dataFiles, marker) {
  const slug = dataFiles[0].slug;
  // The marker rides in the same commit, as an uploaded file would, so the branch exists even when no file
  // changed (git refuses an empty commit, and the editor never saves an entry that did not change).
  await call('persistEntry', {
    dataFiles,
    assets: [{ path: marker, content: Buffer.from(slug).toString('base64'), encoding: 'base64' }],
    options: {
      newEntry: false, commitMessage: `Update ${name} “${slug}”`, collectionName: name, useWorkflow: true,
      hasSubfolders: true, unpublished: false, status: 'draft',
    },
  });
  const unpublished = await call('unpublishedEntry', { collection: name, slug });
  for (const { path } of dataFiles) {
    results.push({ path, branch: `cms/${name}/${slug}`, marker, status: unpublished.status });
  }
}

for (const [name, paths] of byCollection) {
  const collection = collections[name];
  if (collection.get('files')) {
    // A file collection (site_config/ data): the editor opens each file by its path and saves it as its own entry.
    for (const path of paths) {
      const slug = slugOf(collection, path);
      const opened = await call('getEntry', { path });
      const raw = saveEntry(collection, openEntry(collection, opened.file.path, opened.data));
      await persist(name, [{ path, slug, raw }], `content/.roundtrip/${name}/${slug}.txt`);
    }
    continue;
  }
  // The collection list the editor loads (entriesByFolder); every file must be in it.
  const listed = await call('entriesByFolder', { folder: collection.get('folder'), extension: 'md', depth: depthOf(collection) });
  const raws = new Map(listed.map(item => [item.file.path, item.data]));
  const saved = paths.map(path => {
    if (!raws.has(path)) throw new Error(`${path}: not listed by entriesByFolder`);
    return { path, slug: slugOf(collection, path), raw: saveEntry(collection, openEntry(collection, path, raws.get(path))) };
  });
  // The first entry exactly as the editor opens (getEntry) and saves it alone on its own branch ...
  const [first, ...rest] = saved;
  const opened = await call('getEntry', { path: first.path });
  first.raw = saveEntry(collection, openEntry(collection, opened.file.path, opened.data));
  await persist(name, [first], `content/.roundtrip/${name}/${first.slug}.txt`);
  // ... the others in one save, as Decap saves an entry of several files (i18n) in one commit: seconds, not minutes.
  if (rest.length) await persist(name, rest, `content/.roundtrip/${name}.txt`);
}
process.stdout.write(JSON.stringify({ versions, sameAsDecap: sameAsDecap(), results }));
