// Validates the Kubernetes manifests of deploy/kubernetes: every object against the Kubernetes API
// schema of its kind (kubernetes-models), then the rules this project deploys by — probes and
// resource requests on every container, a disruption budget for every workload, the silos allowed
// what Orleans' Kubernetes hosting needs, no secret written in a manifest, pinned images, the
// operators' port not published. Prints "ok"/"FAIL" lines and exits 1 on any failure.
// `node validate.mjs --self-test` breaks the manifests in memory in each of those ways and fails
// unless every break is caught, so the checks are known to bite.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../deploy/kubernetes');

/** The model class of a kind, from its apiVersion: v1 → kubernetes-models/v1/Kind, apps/v1 → …/apps/v1/Kind. */
async function modelOf(doc) {
  const module = await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`);
  return module[doc.kind];
}

function load() {
  const docs = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      if (doc) docs.push({ file, doc });
    }
  }
  return docs;
}

const workloads = (docs) => docs.filter(({ doc }) => ['Deployment', 'StatefulSet'].includes(doc.kind));
const containers = (w) => w.doc.spec.template.spec.containers ?? [];
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

export async function check(docs) {
  const failures = [];
  const ok = [];
  const expect = (condition, what) => (condition ? ok : failures).push(what);

  for (const { file, doc } of docs) {
    try {
      const Model = await modelOf(doc);
      new Model(doc).validate();
      ok.push(`${file}: ${doc.kind}/${doc.metadata?.name} matches the ${doc.apiVersion} schema`);
    } catch (e) {
      failures.push(`${file}: ${doc.kind}/${doc.metadata?.name}: ${String(e.message ?? e).split('\n')[0]}`);
    }
  }

  for (const w of workloads(docs)) {
    const name = `${w.doc.kind}/${w.doc.metadata.name}`;
    for (const c of containers(w)) {
      expect(c.readinessProbe && c.livenessProbe, `${name}/${c.name} has readiness and liveness probes`);
      expect(c.resources?.requests?.cpu && c.resources?.requests?.memory, `${name}/${c.name} requests cpu and memory`);
      expect(c.resources?.limits?.memory, `${name}/${c.name} has a memory limit`);
      expect(c.image && !c.image.endsWith(':latest') && c.image.includes(':'), `${name}/${c.name} pins its image (${c.image})`);
      for (const e of (c.env ?? []).filter((v) => /password|secret|signingkey|connectionstrings/i.test(v.name.replace(/_/g, '')))) {
        expect(e.value === undefined && e.valueFrom?.secretKeyRef, `${name}/${c.name} takes ${e.name} from a Secret, not the manifest`);
      }
    }
    const labels = w.doc.spec.template.metadata?.labels;
    expect(docs.some(({ doc }) => doc.kind === 'PodDisruptionBudget' && matches(doc.spec?.selector?.matchLabels, labels)),
      `${name} has a PodDisruptionBudget selecting its pods`);
    expect(matches(w.doc.spec.selector?.matchLabels, labels), `${name} selects its own pods`);
  }

  // Orleans' Kubernetes hosting: the silos' account may read, watch and delete pods.
  const silos = workloads(docs).filter((w) => containers(w).some((c) => (c.env ?? []).some((e) => e.name === 'Orleans__Kubernetes' && e.value === 'true')));
  expect(silos.length > 0, 'a workload runs silos with Orleans Kubernetes hosting');
  for (const w of silos) {
    const account = w.doc.spec.template.spec.serviceAccountName;
    const bindings = docs.filter(({ doc }) => doc.kind === 'RoleBinding' && (doc.subjects ?? []).some((s) => s.kind === 'ServiceAccount' && s.name === account));
    const roles = bindings.map(({ doc }) => docs.find((d) => d.doc.kind === doc.roleRef.kind && d.doc.metadata.name === doc.roleRef.name)).filter(Boolean);
    const verbs = new Set(roles.flatMap(({ doc }) => doc.rules.filter((r) => r.resources.includes('pods')).flatMap((r) => r.verbs)));
    expect(['get', 'list', 'watch', 'delete'].every((v) => verbs.has(v)), `${w.doc.metadata.name}'s account ${account} may get, list, watch and delete pods`);
    const env = Object.fromEntries(containers(w).flatMap((c) => c.env ?? []).map((e) => [e.name, e]));
    for (const v of ['POD_NAME', 'POD_NAMESPACE', 'POD_IP']) {
      expect(env[v]?.valueFrom?.fieldRef, `${w.doc.metadata.name} passes ${v} from the pod`);
    }
  }

  // The operators' surface is never a public service.
  for (const { doc } of docs.filter(({ doc }) => doc.kind === 'Service')) {
    const management = (doc.spec.ports ?? []).some((p) => p.targetPort === 'management' || p.port === 9090);
    if (management) expect(!['LoadBalancer', 'NodePort'].includes(doc.spec.type), `Service/${doc.metadata.name} keeps the management port inside the cluster`);
  }
  return { ok, failures };
}

function report({ ok, failures }) {
  for (const line of ok) console.log(`  ok   ${line}`);
  for (const line of failures) console.log(`  FAIL ${line}`);
  console.log(`check-kubernetes: ${ok.length} checks passed, ${failures.length} failed`);
  return failures.length === 0;
}

/** Each way of breaking the manifests must be caught: a failure the manifests as shipped do not have. */
async function selfTest() {
  const baseline = new Set((await check(load())).failures);
  if (baseline.size > 0) {
    console.log(`check-kubernetes self-test: the manifests as shipped fail ${baseline.size} checks; fix them first`);
    return false;
  }

  const breaks = {
    'a replica count that is not a number': (docs) => { workloads(docs)[0].doc.spec.replicas = 'three'; },
    'a container without a readiness probe': (docs) => { delete containers(workloads(docs)[0])[0].readinessProbe; },
    'a container without resource requests': (docs) => { delete containers(workloads(docs)[0])[0].resources.requests; },
    'a connection string in the manifest': (docs) => { containers(workloads(docs)[0])[0].env.push({ name: 'ConnectionStrings__UnitGrains', value: 'Host=db;Password=x' }); },
    'a workload without a disruption budget': (docs) => { for (const d of docs.filter(({ doc }) => doc.kind === 'PodDisruptionBudget')) d.doc.spec.selector.matchLabels = { none: 'x' }; },
    'silos that may not delete pods': (docs) => { for (const { doc } of docs.filter(({ doc }) => doc.kind === 'Role')) doc.rules[0].verbs = ['get']; },
    'the management port on a load balancer': (docs) => { docs.find(({ doc }) => doc.kind === 'Service' && doc.metadata.name.endsWith('management')).doc.spec.type = 'LoadBalancer'; },
    'an unpinned image': (docs) => { containers(workloads(docs)[0])[0].image = 'unitgrains-silo:latest'; },
  };
  let caught = 0;
  for (const [what, apply] of Object.entries(breaks)) {
    const docs = load();
    apply(docs);
    const failures = (await check(docs)).failures.filter((f) => !baseline.has(f));
    console.log(`  ${failures.length > 0 ? 'ok  ' : 'FAIL'} self-test: ${what} is caught${failures.length > 0 ? ` (${failures[0]})` : ''}`);
    if (failures.length > 0) caught++;
  }
  const all = Object.keys(breaks).length;
  console.log(`check-kubernetes self-test: ${caught} of ${all} breaks caught`);
  return caught === all;
}

const passed = process.argv.includes('--self-test') ? await selfTest() : report(await check(load()));
process.exit(passed ? 0 : 1);
