// What changed between two OpenAPI documents, classified by api-smart-diff: `node spec_diff.cjs OLD.json NEW.json`
// prints the diffs as JSON, one object a change ({type, action, path, description}). tools/spec_diff.py calls it,
// with NODE_PATH pointing at the pinned package.
"use strict"
const fs = require("fs")
const { apiCompare } = require("api-smart-diff")

const [before, after] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, "utf8")))
const { diffs } = apiCompare(before, after)
const shown = (value) => (value === undefined || typeof value === "object" ? undefined : value)

// An added or removed parameter, by what it is ({name, in, required}): the index that ends a diff's path counts
// in api-smart-diff's merged list of both documents' parameters, not in either document's, so it cannot be
// looked up there; and its own words call any parameter with a `required` key "required".
const resolve = (document, value) => {
  if (value && typeof value.$ref === "string" && value.$ref.startsWith("#/")) {
    const parts = value.$ref.slice(2).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    return parts.reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), document)
  }
  return value
}
const parameter = ({ action, path, before: old, after: young }) => {
  if (path[path.length - 2] !== "parameters" || (action !== "add" && action !== "remove")) return undefined
  const found = action === "add" ? resolve(after, young) : resolve(before, old)
  if (!found || typeof found !== "object" || typeof found.name !== "string") return undefined
  return { name: found.name, in: found.in, required: found.required === true }
}

const plain = diffs.map((diff) => ({
  type: diff.type, action: diff.action, path: diff.path.map(String), description: diff.description,
  before: shown(diff.before), after: shown(diff.after), parameter: parameter(diff),
}))
process.stdout.write(JSON.stringify(plain))
