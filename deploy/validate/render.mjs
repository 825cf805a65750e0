// A small kustomize renderer for the subset deploy/ uses: resources (files and directories),
// components, patches (strategic-merge files or inline JSON 6902 with a target) and images.
// It lets the validator run where no kubectl with kustomize is installed (Debian's
// kubernetes-client is too old); where kubectl exists, validate.mjs checks both renderings agree.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** Parses every YAML document of a file, with where each came from. */
export function readDocuments(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  const out = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: document ${index + 1}: YAML error: ${doc.errors[0].message}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) {
      out.push({ object: value, origin: { file, document: index + 1 } });
    }
  });
  return out;
}

function kustomizationFile(dir) {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

/** Renders the kustomization in dir: a list of {object, origin}. */
export function render(dir) {
  const file = kustomizationFile(dir);
  const k = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  const known = new Set([
    "apiVersion", "kind", "resources", "components", "patches", "images",
  ]);
  for (const key of Object.keys(k)) {
    if (!known.has(key)) {
      throw new Error(`${file}: field ${key} is not supported by deploy/validate/render.mjs`);
    }
  }
  let items = [];
  for (const entry of k.resources ?? []) {
    items.push(...load(path.resolve(dir, entry)));
  }
  for (const entry of k.components ?? []) {
    items = applyComponent(items, path.resolve(dir, entry));
  }
  items = applyPatches(items, k.patches ?? [], dir, file);
  items = applyImages(items, k.images ?? []);
  return items;
}

function load(target) {
  return fs.statSync(target).isDirectory() ? render(target) : readDocuments(target);
}

function applyComponent(items, dir) {
  const file = kustomizationFile(dir);
  const c = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  if (c.kind !== "Component") throw new Error(`${file}: kind must be Component`);
  const out = [...items];
  for (const entry of c.resources ?? []) out.push(...load(path.resolve(dir, entry)));
  return applyImages(applyPatches(out, c.patches ?? [], dir, file), c.images ?? []);
}

function groupOf(apiVersion) {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

function matches(object, target) {
  if (target.kind && object.kind !== target.kind) return false;
  if (target.name && object.metadata?.name !== target.name) return false;
  if (target.group !== undefined && groupOf(object.apiVersion) !== target.group) return false;
  return true;
}

function applyPatches(items, patches, dir, file) {
  for (const spec of patches) {
    const text = spec.path ? fs.readFileSync(path.resolve(dir, spec.path), "utf8") : spec.patch;
    const parsed = YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d != null);
    if (parsed.length === 1 && Array.isArray(parsed[0])) {
      // JSON 6902 operations, applied to every resource the target selects
      if (!spec.target) throw new Error(`${file}: a JSON 6902 patch needs a target`);
      const selected = items.filter((item) => matches(item.object, spec.target));
      if (selected.length === 0) throw new Error(`${file}: patch target selects nothing`);
      for (const item of selected) item.object = applyJson6902(item.object, parsed[0]);
      continue;
    }
    for (const patch of parsed) {
      const target = spec.target ?? { kind: patch.kind, name: patch.metadata?.name };
      const selected = items.filter((item) => matches(item.object, target));
      if (selected.length === 0) {
        throw new Error(`${file}: patch for ${target.kind}/${target.name} selects nothing`);
      }
      for (const item of selected) item.object = strategicMerge(item.object, patch);
    }
  }
  return items;
}

/** add, replace and remove on JSON pointers (what deploy/ uses). */
function applyJson6902(object, operations) {
  const copy = structuredClone(object);
  for (const op of operations) {
    const keys = op.path.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop();
    let parent = copy;
    for (const key of keys) parent = parent[Array.isArray(parent) ? Number(key) : key];
    if (op.op === "replace" || op.op === "add") {
      if (Array.isArray(parent) && op.op === "add") {
        parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
      } else {
        parent[Array.isArray(parent) ? Number(last) : last] = op.value;
      }
    } else if (op.op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      throw new Error(`JSON 6902 op ${op.op} is not supported by render.mjs`);
    }
  }
  return copy;
}

// Lists Kubernetes merges by key in a strategic merge patch (the ones deploy/ patches); every other
// list is replaced, as kustomize does for custom resources (a JSON merge patch).
const MERGE_KEYS = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
};

function strategicMerge(base, patch, key) {
  if (Array.isArray(patch)) {
    const mergeKey = MERGE_KEYS[key];
    if (!mergeKey || !Array.isArray(base)) return structuredClone(patch);
    // as kustomize orders them: the patch's items first (merged into their originals), then the
    // originals the patch does not name
    const patched = patch.map((item) => {
      const original = base.find((existing) => existing[mergeKey] === item[mergeKey]);
      return original ? strategicMerge(original, item) : structuredClone(item);
    });
    const rest = base.filter((existing) => !patch.some((item) => item[mergeKey] === existing[mergeKey]));
    return [...patched, ...rest.map((item) => structuredClone(item))];
  }
  if (patch !== null && typeof patch === "object") {
    const out = base !== null && typeof base === "object" && !Array.isArray(base)
      ? structuredClone(base)
      : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v, k);
    }
    return out;
  }
  return patch;
}

function applyImages(items, images) {
  if (images.length === 0) return items;
  for (const item of items) {
    const spec = item.object.spec?.template?.spec ?? item.object.spec?.jobTemplate?.spec?.template?.spec;
    if (!spec) continue;
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const at = container.image.lastIndexOf(":");
      const slash = container.image.lastIndexOf("/");
      const name = at > slash ? container.image.slice(0, at) : container.image;
      const tag = at > slash ? container.image.slice(at + 1) : undefined;
      const image = images.find((i) => i.name === name);
      if (!image) continue;
      const newName = image.newName ?? name;
      if (image.digest) container.image = `${newName}@${image.digest}`;
      else if (image.newTag ?? tag) container.image = `${newName}:${image.newTag ?? tag}`;
      else container.image = newName;
    }
  }
  return items;
}
