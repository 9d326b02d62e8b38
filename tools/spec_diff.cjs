// What changed between two OpenAPI documents, classified by api-smart-diff: `node spec_diff.cjs OLD.json NEW.json`
// prints the diffs as JSON, one object a change ({type, action, path, description}). tools/spec_diff.py calls it,
// with NODE_PATH pointing at the pinned package.
"use strict"
const fs = require("fs")
const { apiCompare } = require("api-smart-diff")

const [before, after] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, "utf8")))
const { diffs } = apiCompare(before, after)
const shown = (value) => (value === undefined || typeof value === "object" ? undefined : value)
const plain = diffs.map(({ type, action, path, description, before, after }) => ({
  type, action, path: path.map(String), description, before: shown(before), after: shown(after),
}))
process.stdout.write(JSON.stringify(plain))
