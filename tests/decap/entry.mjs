// Decap CMS's own entry code, loaded from the installed decap-cms-core (dist/esm): how the editor parses a
// file it opens and writes the file it saves. Only Backend.entryToRaw and Backend.fieldsOrder are copied
// (backend.js pulls in the browser router); sameAsDecap() proves the copy equals the installed source.
import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./esm_hooks.mjs', import.meta.url);

const ROOT = new URL('../../node_modules/', import.meta.url);
const CORE = new URL('decap-cms-core/dist/esm/', ROOT);
const requireCore = createRequire(new URL('package.json', CORE.href.replace('dist/esm/', '')));
const { fromJS, List } = requireCore('immutable');
const { resolveFormat } = await import(new URL('formats/formats.js', CORE));
const { serializeValues } = await import(new URL('lib/serializeEntryValues.js', CORE));
const { createEntry } = await import(new URL('valueObjects/Entry.js', CORE));

const versionOf = name => JSON.parse(readFileSync(new URL(`${name}/package.json`, ROOT), 'utf8')).version;
export const versions = Object.fromEntries(['decap-cms-core', 'yaml', 'gray-matter', 'immutable'].map(n => [n, versionOf(n)]));

const COPIED = `
  entryToRaw(collection, entry) {
    const format = resolveFormat(collection, entry.toJS());
    const fieldsOrder = this.fieldsOrder(collection, entry);
    const fieldsComments = selectFieldsComments(collection, entry);
    let content = format.toFile(entry.get('data').toJS(), fieldsOrder, fieldsComments);
    if (content.slice(-1) != '\\n') {
      // add the EOL if it does not exist.
      content += '\\n';
    }
    return content;
  }
  fieldsOrder(collection, entry) {
    const fields = collection.get('fields');
    if (fields) {
      return collection.get('fields').map(f => f.get('name')).toArray();
    }
    const files = collection.get('files');
    const file = (files || List()).filter(f => f.get('name') === entry.get('slug')).get(0);
    if (file == null) {
      throw new Error(\`No file found for \${entry.get('slug')} in \${collection.get('name')}\`);
    }
    return file.get('fields').map(f => f.get('name')).toArray();
  }`;

/** True when the installed backend.js still holds these two methods as copied here. */
export function sameAsDecap() {
  return readFileSync(new URL('backend.js', CORE), 'utf8').includes(COPIED.slice(1));
}

function fieldsOrder(collection, entry) {
  const fields = collection.get('fields');
  if (fields) return collection.get('fields').map(f => f.get('name')).toArray();
  const file = (collection.get('files') || List()).filter(f => f.get('name') === entry.get('slug')).get(0);
  if (file == null) throw new Error(`No file found for ${entry.get('slug')} in ${collection.get('name')}`);
  return file.get('fields').map(f => f.get('name')).toArray();
}

/** selectFieldsComments: only fields with a `comment`; the generated config has none (checked). */
function fieldsComments(collection) {
  if (JSON.stringify(collection.toJS()).includes('"comment":')) throw new Error('field comments are not supported here');
  return {};
}

function entryToRaw(collection, entry) {
  const format = resolveFormat(collection, entry.toJS());
  let content = format.toFile(entry.get('data').toJS(), fieldsOrder(collection, entry), fieldsComments(collection));
  if (content.slice(-1) != '\n') content += '\n';
  return content;
}

/** An Immutable collection as Decap's config reducer holds it. */
export function collectionOf(config) {
  return fromJS(config);
}

/** The file of a file collection (`files`) at this path, or undefined. */
function fileAt(collection, path) {
  return (collection.get('files') || List()).find(f => f.get('file') === path);
}

/** The entry slug Decap gives a file: in a folder collection its path under the folder, without extension; in a file
 * collection the file's `name`. */
export function slugOf(collection, path) {
  if (collection.get('files')) {
    const file = fileAt(collection, path);
    if (!file) throw new Error(`${path}: not a file of collection ${collection.get('name')}`);
    return file.get('name');
  }
  const folder = collection.get('folder').replace(/\/$/, '');
  return path.slice(folder.length + 1).replace(/\.[^./]+$/, '');
}

/** Backend.getEntry then entryWithFormat: the entry the editor opens, its data parsed by Decap's formatter. */
export function openEntry(collection, path, raw) {
  const entry = createEntry(collection.get('name'), slugOf(collection, path), path, { raw, label: null, mediaFiles: [], meta: {} });
  const format = resolveFormat(collection, entry);
  entry.data = format.fromFile(raw);
  return entry;
}

/** Save unchanged: the draft (fromJS, DRAFT_CREATE_FROM_ENTRY), getSerializedEntry, Backend.entryToRaw. */
export function saveEntry(collection, entry) {
  const draft = fromJS(entry);
  // selectFields: a file collection's fields are those of the entry's file
  const fields = collection.get('files') ? fileAt(collection, draft.get('path')).get('fields') : collection.get('fields');
  const serialized = draft.set('data', serializeValues(draft.get('data'), fields));
  return entryToRaw(collection, serialized);
}

/** Write data as a new entry of the collection would be written (a file the editor creates). */
export function writeData(collection, path, data, body) {
  const entry = createEntry(collection.get('name'), slugOf(collection, path), path, { data: body ? { ...data, body } : data });
  return saveEntry(collection, entry);
}
