// Decap's formatter as a filter: JSON {collections, entries:[{collection, path, raw | data+body}]} on stdin,
// JSON {versions, sameAsDecap, results:[{raw, data}]} on stdout: each entry opened (when raw) and saved unchanged.
import { collectionOf, openEntry, saveEntry, sameAsDecap, versions, writeData } from './entry.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const collections = Object.fromEntries(request.collections.map(c => [c.name, collectionOf(c)]));
const results = request.entries.map(item => {
  const collection = collections[item.collection];
  if (item.raw !== undefined) {
    const entry = openEntry(collection, item.path, item.raw);
    return { data: entry.data, raw: saveEntry(collection, entry) };
  }
  return { data: item.data, raw: writeData(collection, item.path, item.data, item.body) };
});
process.stdout.write(JSON.stringify({ versions, sameAsDecap: sameAsDecap(), results }));
