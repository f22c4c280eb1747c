// Renders a CSL-JSON file with citeproc-js in each CSL style given, for tests/test_bibliography.py.
// Usage: node tests/js/render.mjs REFERENCES.json LOCALE.xml STYLE.csl [STYLE.csl ...]
// Prints JSON: {"<style file name>": {"<item id>": "<bibliography entry as plain text>", ...}, ...}
// with "errors" per style listing citeproc's bibliography errors. Exits 2 on bad usage.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import CSL from "citeproc";

const [refsPath, localePath, ...stylePaths] = process.argv.slice(2);
if (!refsPath || !localePath || stylePaths.length === 0) {
  console.error("usage: node render.mjs REFERENCES.json LOCALE.xml STYLE.csl [STYLE.csl ...]");
  process.exit(2);
}
const items = JSON.parse(readFileSync(refsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const locale = readFileSync(localePath, "utf8");
const out = {};
for (const stylePath of stylePaths) {
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => byId[id],
  };
  const engine = new CSL.Engine(sys, readFileSync(stylePath, "utf8"), "en-US", true);
  engine.setOutputFormat("text");
  engine.updateItems(items.map((item) => item.id));
  const [params, entries] = engine.makeBibliography();
  const rendered = {};
  params.entry_ids.forEach((ids, i) => { rendered[ids[0]] = entries[i].trim(); });
  out[basename(stylePath, ".csl")] = { entries: rendered, errors: params.bibliography_errors };
}
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
