// Offline validation of Kubernetes manifests (no cluster): node validate.mjs [--complete] FILE...
//  1. schema: kubernetes-models (the Kubernetes OpenAPI schemas compiled to validators: types, enums, required fields);
//  2. strict fields: every key must be a field of its type, walked through @kubernetes/client-node's model type maps
//     (the schemas above allow unknown keys, so a typo such as `readinesProbe` would pass them);
//  3. consistency: a workload's selector matches its pod labels, Services and PDBs select some pod template, named
//     probe ports exist; with --complete (a kustomize build) every referenced ConfigMap, Secret and ServiceAccount
//     is in the set;
//  4. Roomcast: a grace period longer than preStop + DOTNET_SHUTDOWNTIMEOUTSECONDS; silo pods carry orleans/serviceId + orleans/clusterId, POD_NAME/POD_NAMESPACE/POD_IP from the
//     downward API, Kubernetes__Enabled=true, and a service account bound to a Role that can list/watch/delete pods.
// Prints one line per problem and exits 1 if there is any.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import * as k8s from '@kubernetes/client-node';

const args = process.argv.slice(2);
const complete = args.includes('--complete');
const files = args.filter(a => a !== '--complete');
const problems = [];
const docs = [];

for (const file of files) {
  for (const parsed of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (parsed.errors.length) {
      problems.push(`${file}: YAML: ${parsed.errors.map(e => e.message).join('; ')}`);
      continue;
    }
    const doc = parsed.toJS();
    if (doc == null) continue;
    docs.push({ file, doc, where: `${file}: ${doc.kind ?? '?'}/${doc.metadata?.name ?? '?'}` });
  }
}

for (const { file, doc, where } of docs) {
  if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
    problems.push(`${file}: a document without apiVersion/kind`);
    continue;
  }
  if (doc.kind === 'Kustomization') continue;
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];

  // 1. Schema. kustomize wraps a long base64 value over lines; the API server's decoder skips the line breaks.
  for (const field of ['data', 'binaryData']) {
    if ((doc.kind === 'Secret' || field === 'binaryData') && doc[field]) {
      for (const key of Object.keys(doc[field])) doc[field][key] = String(doc[field][key]).replace(/\s/g, '');
    }
  }
  try {
    const module = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`);
    new module[doc.kind](doc).validate();
  } catch (error) {
    problems.push(`${where}: schema: ${error.message}`);
  }

  // 2. Strict fields.
  const type = version.charAt(0).toUpperCase() + version.slice(1) + doc.kind;
  if (!k8s[type]?.attributeTypeMap) {
    problems.push(`${where}: no model ${type} to check its fields against`);
  } else {
    walk(doc, type, where, '');
  }
}

function walk(value, type, where, path) {
  if (value === null || value === undefined || type === 'any') return;
  const at = `${where} .${path.replace(/^\./, '')}`;
  const array = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return problems.push(`${at}: expected a list`);
    value.forEach((item, i) => walk(item, array[1], where, `${path}[${i}]`));
  } else if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) return problems.push(`${at}: expected a map`);
    for (const [key, item] of Object.entries(value)) walk(item, map[1], where, `${path}.${key}`);
  } else if (type === 'string' || type === 'Date') {
    if (typeof value !== 'string') problems.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
  } else if (type === 'number') {
    if (typeof value !== 'number') problems.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') problems.push(`${at}: expected true/false, got ${JSON.stringify(value)}`);
  } else if (type === 'IntOrString') {
    if (typeof value !== 'string' && typeof value !== 'number') problems.push(`${at}: expected a number or a string`);
  } else {
    const fields = k8s[type]?.attributeTypeMap;
    if (!fields) return problems.push(`${at}: unknown type ${type}`);
    if (typeof value !== 'object' || Array.isArray(value)) return problems.push(`${at}: expected an object (${type})`);
    for (const [key, item] of Object.entries(value)) {
      const field = fields.find(f => f.baseName === key);
      if (!field) problems.push(`${at}: unknown field '${key}' in ${type}`);
      else walk(item, field.type, where, `${path}.${key}`);
    }
  }
}

// 3. Consistency.
const templates = docs.filter(d => d.doc.spec?.template?.metadata).map(d => ({ ...d, pod: d.doc.spec.template }));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
for (const t of templates) {
  const selector = t.doc.spec.selector?.matchLabels;
  if (!selector || !matches(selector, t.pod.metadata.labels)) problems.push(`${t.where}: selector does not match the pod labels`);
  for (const c of t.pod.spec?.containers ?? []) {
    const portNames = (c.ports ?? []).map(p => p.name);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const port = c[probe]?.httpGet?.port;
      if (typeof port === 'string' && !portNames.includes(port)) problems.push(`${t.where}: ${c.name}.${probe} names port '${port}', not a container port`);
    }
  }
}
for (const d of docs.filter(d => d.doc.kind === 'Service' || d.doc.kind === 'PodDisruptionBudget')) {
  const selector = d.doc.kind === 'Service' ? d.doc.spec?.selector : d.doc.spec?.selector?.matchLabels;
  if (templates.length && !templates.some(t => matches(selector, t.pod.metadata.labels))) problems.push(`${d.where}: selects no pod template here`);
}
if (complete) {
  const names = kind => new Set(docs.filter(d => d.doc.kind === kind).map(d => d.doc.metadata?.name));
  const [configMaps, secrets, accounts] = [names('ConfigMap'), names('Secret'), names('ServiceAccount')];
  for (const t of templates) {
    const spec = t.pod.spec ?? {};
    if (spec.serviceAccountName && !accounts.has(spec.serviceAccountName)) problems.push(`${t.where}: ServiceAccount ${spec.serviceAccountName} is not defined`);
    for (const c of spec.containers ?? []) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name)) problems.push(`${t.where}: ConfigMap ${from.configMapRef.name} is not defined`);
        if (from.secretRef && !secrets.has(from.secretRef.name)) problems.push(`${t.where}: Secret ${from.secretRef.name} is not defined`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = docs.find(d => d.doc.kind === 'Secret' && d.doc.metadata?.name === ref.name)?.doc;
        const keys = Object.keys({ ...(secret?.data ?? {}), ...(secret?.stringData ?? {}) });
        if (!secret) problems.push(`${t.where}: Secret ${ref.name} (for ${e.name}) is not defined`);
        else if (!ref.optional && !keys.includes(ref.key)) problems.push(`${t.where}: Secret ${ref.name} has no key ${ref.key} (for ${e.name})`);
      }
    }
  }
}

// 4. Roomcast. The kubelet's SIGKILL must come after the preStop sleep plus the host's own stop budget.
for (const t of templates) {
  const c = t.pod.spec?.containers?.[0] ?? {};
  const budget = Number((c.env ?? []).find(e => e.name === 'DOTNET_SHUTDOWNTIMEOUTSECONDS')?.value ?? 30);
  const sleep = c.lifecycle?.preStop?.exec?.command?.[0] === 'sleep' ? Number(c.lifecycle.preStop.exec.command[1]) : 0;
  const grace = t.pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (t.doc.metadata?.name?.startsWith('roomcast-') && grace <= sleep + budget) {
    problems.push(`${t.where}: terminationGracePeriodSeconds ${grace} leaves no time after preStop ${sleep} s + shutdown ${budget} s`);
  }
}

// Roomcast's silos.
for (const t of templates.filter(t => t.doc.metadata?.name === 'roomcast-silo')) {
  const labels = t.pod.metadata.labels ?? {};
  for (const label of ['orleans/serviceId', 'orleans/clusterId']) {
    if (!labels[label]) problems.push(`${t.where}: the pod has no ${label} label (Orleans' Kubernetes hosting selects pods by it)`);
  }
  const env = Object.fromEntries((t.pod.spec.containers?.[0]?.env ?? []).map(e => [e.name, e]));
  for (const [name, path] of [['POD_NAME', 'metadata.name'], ['POD_NAMESPACE', 'metadata.namespace'], ['POD_IP', 'status.podIP']]) {
    if (env[name]?.valueFrom?.fieldRef?.fieldPath !== path) problems.push(`${t.where}: ${name} must come from the downward API (${path})`);
  }
  if (env.Kubernetes__Enabled?.value !== 'true') problems.push(`${t.where}: Kubernetes__Enabled is not "true"`);
  const account = t.pod.spec.serviceAccountName;
  const binding = docs.find(d => d.doc.kind === 'RoleBinding' && d.doc.subjects?.some(s => s.kind === 'ServiceAccount' && s.name === account));
  const role = binding && docs.find(d => d.doc.kind === 'Role' && d.doc.metadata?.name === binding.doc.roleRef?.name);
  const verbs = new Set((role?.doc.rules ?? []).filter(r => r.resources?.includes('pods')).flatMap(r => r.verbs ?? []));
  const missing = ['get', 'list', 'watch', 'patch', 'delete'].filter(v => !verbs.has(v));
  if (docs.some(d => d.doc.kind === 'RoleBinding') && missing.length) problems.push(`${t.where}: service account ${account} lacks pods: ${missing.join(', ')}`);
}

for (const p of problems) console.log(`  PROBLEM ${p}`);
console.log(`  ${docs.length} document(s) in ${files.length} file(s), ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
