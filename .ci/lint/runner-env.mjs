// Prints the environment the GitHub Actions runner gives a container action step, as NUL-separated
// NAME=VALUE entries: one INPUT_<NAME> per input declared in action.yml (upper-cased, hyphens kept,
// the `with:` value or else the default, "" when neither), then runs.env with `${{ inputs.x }}`,
// `${{ github.token }}` and `${{ inputs.x == inputs.y }}` (true/false; GitHub compares strings
// ignoring case) substituted. Used by .ci/image-test.sh.
//
//   node runner-env.mjs ACTION_YML GITHUB_TOKEN [name=value]...
import fs from "node:fs";
import YAML from "yaml";

const [actionFile, githubToken, ...pairs] = process.argv.slice(2);
const action = YAML.parse(fs.readFileSync(actionFile, "utf8"));
const given = new Map();
for (const pair of pairs) {
  const at = pair.indexOf("=");
  const name = pair.slice(0, at);
  if (!(name in (action.inputs ?? {}))) {
    console.error(`runner-env: '${name}' is not an input of ${actionFile}`);
    process.exit(2);
  }
  given.set(name, pair.slice(at + 1));
}

const inputs = {};
const substitute = (text) => String(text)
  .replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*==\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g,
    (_, a, b) => String((inputs[a] ?? "").toLowerCase() === (inputs[b] ?? "").toLowerCase()))
  .replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken)
  .replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (_, name) => inputs[name] ?? "");

const entries = [];
for (const [name, spec] of Object.entries(action.inputs ?? {})) {
  inputs[name] = given.has(name) ? given.get(name) : substitute(spec?.default ?? "");
  entries.push(`INPUT_${name.toUpperCase()}=${inputs[name]}`);
}
for (const [name, value] of Object.entries(action.runs?.env ?? {})) {
  entries.push(`${name}=${substitute(value)}`);
}
process.stdout.write(entries.map((e) => e + "\0").join(""));
