// OpenAPI-driven fuzzing of the gateway, driven by scripts/fuzz-api.sh (which starts the gateway,
// downloads its OpenAPI document and mints the officer token this file is given).
//
//   1. setup      reads the seeded campaign of FUZZ_UNIT/FUZZ_YEAR (tasks, departments) and starts
//                 two tasks, so that every variation below has a base request that would succeed
//   2. generate   portman-config.json + variations derived from the OpenAPI document: for every
//                 body field, path and query parameter a value of each type the declared schema
//                 rejects, the removal of each required property, and the rules of docs/api.md where
//                 the document says nothing (tokens and scope, If-Match, Idempotency-Key, malformed
//                 JSON, body over 1 MiB, text over the limits); plus valid "edge" values the schema
//                 allows → portman → a Postman collection with "Contract Tests" (one valid request per
//                 operation) and "Variation Tests" (the rest, portman's own fuzzing included)
//   3. run        newman: the contract requests, the edge writes (both may change the campaign; the
//                 plan is put back after them), then the malformed requests between two digests of
//                 every unit they name (GETs as a national viewer): they must change nothing
//   4. judge      every request from newman's JSON reports: no 5xx, a status the document declares
//                 for the operation, Content-Type and body as declared for that status, the expected
//                 status (the first declared 2xx for contract requests, the rejection the document or
//                 docs/api.md prescribes for malformed ones) and portman's own contract assertions
//
// Prints a grouped table of failures and ends with "fuzz: N passed, N failed"; exit 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const newman = require('newman');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

// ---------------------------------------------------------------------------------------------
// inputs

function die(message) {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}
const need = (name) => process.env[name] || die(`${name} is not set (run scripts/fuzz-api.sh)`);
const BASE = need('FUZZ_BASE_URL').replace(/\/+$/, '');
const TOKEN = need('FUZZ_TOKEN').trim();
const SIGNING_KEY = need('FUZZ_SIGNING_KEY');
const OAS_FILE = need('FUZZ_OAS');
const OUT = need('FUZZ_OUT');
const SEED_PLAN = need('FUZZ_SEED_PLAN');
const CODE = process.env.FUZZ_UNIT || '26278';
const YEAR = Number(process.env.FUZZ_YEAR || 2025);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_SECONDS || 240) * 1000;
const started = Date.now();
const remaining = () => BUDGET_MS - (Date.now() - started);
const REQUEST_TIMEOUT_MS = 10_000;

if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(BASE).hostname)) {
  die(`FUZZ_BASE_URL must be a loopback address, not ${BASE}`);
}
fs.mkdirSync(OUT, { recursive: true });
const oas = JSON.parse(fs.readFileSync(OAS_FILE, 'utf8'));
const log = (...args) => console.log('fuzz:', ...args);

// ---------------------------------------------------------------------------------------------
// the OpenAPI document: operations, schemas, a validator for bodies and parameter values

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const operations = new Map(); // operationId → { id, method, path, op }
const byRoute = new Map(); // "GET /api/units/{code}" → operation
for (const [p, item] of Object.entries(oas.paths || {})) {
  for (const m of METHODS) {
    if (!item[m]) continue;
    const op = item[m];
    const id = op.operationId || `${m.toUpperCase()} ${p}`;
    const params = [...(item.parameters || []), ...(op.parameters || [])].map(deref);
    const entry = { id, method: m.toUpperCase(), path: p, op, params };
    operations.set(id, entry);
    byRoute.set(`${entry.method} ${p}`, entry);
  }
}

function deref(node) {
  let n = node;
  for (let i = 0; n && n.$ref && i < 20; i++) {
    const parts = n.$ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    n = parts.reduce((o, k) => (o ? o[k] : undefined), oas);
  }
  return n;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv, ['date', 'date-time', 'time', 'uri', 'uuid', 'email']);
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addFormat('float', { type: 'number', validate: () => true });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addSchema({ $id: 'oas', components: oas.components || {} });
const rewriteRefs = (s) => JSON.parse(JSON.stringify(s).replace(/"\$ref":"#\/components\//g, '"$ref":"oas#/components/'));
const compiled = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewriteRefs(schema)));
  return compiled.get(key);
}
const isValid = (schema, value) => validatorFor(schema)(value);
// A path/query/header value arrives as text; the server binds numbers from it, so validate
// numerals as numbers (that is how "2147483648" breaks format int32) and anything else as text.
const paramValue = (text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

// The declared JSON request body schema of an operation, if any.
function requestSchema(entry) {
  const body = deref(entry.op.requestBody);
  const content = body?.content || {};
  const ct = Object.keys(content).find((c) => /json/i.test(c));
  return ct ? { schema: content[ct].schema, required: !!body.required } : null;
}

// The schema one level down, following $ref and the "oneOf: [null, X]" of nullable references.
function unwrap(schema) {
  let s = deref(schema);
  for (let i = 0; s && i < 10; i++) {
    const alts = s.oneOf || s.anyOf;
    if (!alts) break;
    const nonNull = alts.map(deref).filter((a) => !(a.type === 'null' || (Array.isArray(a.type) && a.type.length === 1 && a.type[0] === 'null')));
    if (nonNull.length !== 1) break;
    s = nonNull[0];
  }
  return s || {};
}
const childSchema = (schema, key) => {
  const s = unwrap(schema);
  if (s.properties && key in s.properties) return s.properties[key];
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return s.additionalProperties;
  return undefined;
};
const itemSchema = (schema) => unwrap(schema).items;
const typesOf = (schema) => {
  const s = unwrap(schema);
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
};

// ---------------------------------------------------------------------------------------------
// HTTP to the gateway under test (loopback only) and tokens

async function api(method, urlPath, { token = TOKEN, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(BASE + urlPath, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    redirect: 'manual',
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, text, json };
}

const b64url = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
function jwt(payload, { key = SIGNING_KEY, alg = 'HS256' } = {}) {
  const head = b64url({ alg, typ: 'JWT' });
  const body = b64url(payload);
  if (alg === 'none') return `${head}.${body}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  const sig = crypto.createHmac(hash, Buffer.from(key, 'utf8')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
function claims(unit, role, { iat = -60, exp = 3600, iss = 'unitgrains', aud = 'unitgrains-api' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { unit, role, sub: `${role}@${unit}`, iss, aud, iat: now + iat, nbf: now + iat, exp: now + exp };
}

// ---------------------------------------------------------------------------------------------
// 1. setup: real values for the path parameters, and base requests that would succeed

async function setup() {
  const u = `/api/units/${CODE}`;
  const plan = `${u}/plans/${YEAR}`;
  const tasks = await api('GET', `${plan}/tasks`);
  if (tasks.status !== 200 || !Array.isArray(tasks.json)) die(`GET ${plan}/tasks answered ${tasks.status}: ${tasks.text.slice(0, 300)}`);
  const planned = tasks.json.filter((t) => t.status === 'planned');
  const metricsOf = (t) => (t.outputs || []).map((o) => o.metric).sort().join('|');
  const groups = new Map();
  for (const t of planned) groups.set(metricsOf(t), [...(groups.get(metricsOf(t)) || []), t]);
  // A: started and completed by the contract pass; W: completed by the edge pass; X: in progress
  // for the completions of the variation pass. They share outputs, so one completion body fits all.
  const trio = [...groups.values()].find((g) => g.length >= 3);
  if (!trio) die(`the ${YEAR} campaign of ${CODE} needs three planned tasks with the same outputs`);
  const [A, X, W] = trio;
  const rest = planned.filter((t) => t !== A && t !== X && t !== W);
  if (rest.length < 8) die(`the ${YEAR} campaign of ${CODE} needs eleven planned tasks; it has ${planned.length}`);
  // Y, V: started by the variation and edge passes; B, Z, U: cancelled by the contract, variation
  // and edge passes; G: read; I: the tasks of the import file (imported again by the edge pass).
  const [Y, V, B, Z, U, G, ...I] = rest;
  for (const t of [X, W]) {
    const started = await api('POST', `${plan}/tasks/${encodeURIComponent(t.id)}/start`);
    if (started.status !== 200) die(`could not start task ${t.id} (setup): ${started.status} ${started.text.slice(0, 300)}`);
  }
  const completion = {
    outputs: Object.fromEntries((A.outputs || []).map((o) => [o.metric, o.target])),
    evidence: 'Biên bản nghiệm thu số 12/BB (fuzz)',
  };
  // The office's review needs reports it received: two of the divisions the unit's plan obliges to
  // report to its Phòng Văn hóa – Xã hội file the third quarter (one for accept, one for return).
  const review = { officeCode: `${CODE}-PVHXH`, acceptUnit: `${CODE}-VP`, returnUnit: `${CODE}-PKT`, reviewPeriod: `${YEAR}-Q3` };
  for (const unit of [review.acceptUnit, review.returnUnit]) {
    let duty;
    for (let i = 0; i < 100; i++) {
      duty = await api('GET', `/api/units/${unit}/duties/${YEAR}`);
      if (duty.status === 200 && duty.json?.duty?.reporting?.consolidator?.code === review.officeCode) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (duty.json?.duty?.reporting?.consolidator?.code !== review.officeCode) die(`${unit} does not report to ${review.officeCode} in ${YEAR}: ${duty.text.slice(0, 300)}`);
    const filed = await api('POST', `/api/units/${unit}/plans/${YEAR}/reports`, {
      token: jwt(claims(unit, 'officer')),
      body: { period: review.reviewPeriod, submittedOn: `${YEAR}-09-30`, summary: 'Báo cáo quý III (fuzz)' },
    });
    if (filed.status !== 201) die(`${unit} could not file its ${review.reviewPeriod} report (setup): ${filed.status} ${filed.text.slice(0, 300)}`);
  }
  const children = await api('GET', `${u}/children?offset=0&limit=100`);
  const childCodes = children.status === 200 ? (children.json.items || []).map((c) => c.code) : [];
  const seed = JSON.parse(fs.readFileSync(SEED_PLAN, 'utf8'));
  if (String(seed.unit) !== CODE || Number(seed.year) !== YEAR) die(`${SEED_PLAN} is not the plan of ${CODE}/${YEAR}`);
  // The bases of the plan and import variations: the seed plan with its text cut short and the
  // import file with two of its tasks, to keep hundreds of variations (and newman's reports) small.
  const shorten = (v) => (typeof v === 'string' ? v.slice(0, 120)
    : Array.isArray(v) ? v.map(shorten)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x)])) : v);
  const planBody = shorten(seed.plan);
  const importIds = new Set(I.slice(0, 2).map((t) => t.id));
  const importTasks = (seed.tasks || []).filter((t) => importIds.has(t.id));
  if (importTasks.length !== 2) die(`${SEED_PLAN} does not hold the tasks ${[...importIds].join(', ')}`);
  // The tasks as they are (imported at start-up): importing them again changes nothing.
  const importBody = { ...shorten(seed), plan: planBody, tasks: importTasks };
  const parent = await parentOf(CODE);
  // The acknowledgement needs an escalation of the unit that has reached its parent: the oldest open one.
  const reached = await api('GET', `/api/units/${parent}/escalations?scope=reached&limit=1000`, { token: jwt(claims(parent, 'officer')) });
  const open = (reached.json?.items || []).find((e) => e.originCode === CODE && !e.acknowledged);
  if (!open) die(`no open escalation of ${CODE} has reached ${parent}: ${reached.text.slice(0, 300)}`);
  const acknowledge = { ackYear: String(open.year), ackItem: open.item };
  const tokens = {
    tokNone: 'fuzz',
    tokWrongKey: jwt(claims(CODE, 'officer'), { key: crypto.randomBytes(32).toString('base64') }),
    tokExpired: jwt(claims(CODE, 'officer', { iat: -7200, exp: -3600 })),
    tokNotYetValid: jwt(claims(CODE, 'officer', { iat: 3600, exp: 7200 })),
    tokWrongIssuer: jwt(claims(CODE, 'officer', { iss: 'someone-else' })),
    tokWrongAudience: jwt(claims(CODE, 'officer', { aud: 'another-api' })),
    tokAlgNone: jwt(claims(CODE, 'officer'), { alg: 'none' }),
    tokHS512: jwt(claims(CODE, 'officer'), { alg: 'HS512' }),
    tokUnknownRole: jwt(claims(CODE, 'admin')),
    tokBadUnitClaim: jwt(claims('not a unit', 'officer')),
    tokViewer: jwt(claims(CODE, 'viewer')),
    tokParentOfficer: jwt(claims(parent, 'officer')),
    tokOffice: jwt(claims(`${CODE}-PVHXH`, 'officer')),
    // Reads everything: the digest's eyes (not used by any request of the collection).
    tokNationalViewer: jwt(claims('VN', 'viewer')),
    tokOtherCommune: jwt(claims('99998', 'officer')),
    tokDepartmentOfficer: jwt(claims(childCodes.find((c) => c.includes('-')) || `${CODE}-VP`, 'officer')),
  };
  return {
    parent,
    childCodes,
    importBody,
    planBody,
    completion,
    tasks: { A: A.id, X: X.id, W: W.id, Y: Y.id, V: V.id, B: B.id, Z: Z.id, U: U.id, G: G.id, import: [...importIds] },
    tokens,
    contractEnv: {
      bearerToken: TOKEN, code: CODE, year: String(YEAR), taskId: G.id,
      startTaskId: A.id, completeTaskId: A.id, cancelTaskId: B.id,
      period: `${YEAR}-Q3`, submitPeriod: `${YEAR}-Q3`, consolidatedPeriod: `${YEAR}-Q3`, parent, ...review, ...acknowledge, ...tokens,
    },
    edgeEnv: {
      bearerToken: TOKEN, code: CODE, year: String(YEAR), taskId: G.id,
      startTaskId: V.id, completeTaskId: W.id, cancelTaskId: U.id,
      period: `${YEAR}-Q3`, submitPeriod: `${YEAR}-A1`, consolidatedPeriod: `${YEAR}-Q3`, parent, ...review, ...acknowledge, ...tokens,
    },
    variationEnv: {
      bearerToken: TOKEN, code: CODE, year: String(YEAR), taskId: G.id,
      startTaskId: Y.id, completeTaskId: X.id, cancelTaskId: Z.id,
      period: `${YEAR}-Q3`, submitPeriod: `${YEAR}-Q4`, consolidatedPeriod: `${YEAR}-Q3`, parent, ...review, ...acknowledge, ...tokens,
    },
  };
}

async function parentOf(code) {
  const unit = await api('GET', `/api/units/${code}`);
  return unit.json?.parentCode || 'VN';
}

// ---------------------------------------------------------------------------------------------
// 2. variations derived from the document (and docs/api.md where the document says nothing)

const UNKNOWN_DEPARTMENT = `${CODE}-ZZZ`;
const LONG_TEXT = 'x'.repeat(50_000); // docs/api.md: text fields have limits (the longest is 20 000)
// kind 'variation': a malformed request (run between the two digests; must change nothing);
// kind 'edge': a valid write with edge values the document allows (run before the digests).
const variations = []; // { op, name, expect, overwrites, preRequest, kind }
const seen = new Set();
function addVariation(op, name, expect, overwrites, preRequest, kind = 'variation') {
  const key = `${op}|${name}`;
  if (seen.has(key)) return;
  seen.add(key);
  variations.push({ op, name, expect, overwrites, preRequest, kind });
}

// Edge values: valid by the declared schema, different from the base value; the answer may be
// a 2xx or a 4xx, as long as it is declared and conforms (and is not a 5xx).
const EDGE = ['', ' ', 'Bi\u0300nh Minh (NFD)', '\u{1F44D}\u{1F3FD} \u0007\u0000', 0, -1, 1e308, 0.123456789, null, []];
const EDGE_DATES = ['0001-01-01', '9999-12-31', '2024-02-29'];
function edgeValues(schema, current) {
  const dates = unwrap(schema).format === 'date';
  return [...(dates ? EDGE_DATES : EDGE)].filter((v) => isValid(schema, v) && JSON.stringify(v) !== JSON.stringify(current));
}

// Candidate values by JSON type; those the declared schema rejects become variations.
const CANDIDATES = {
  number: [12345, 1.5, 2147483648],
  boolean: [true],
  string: ['fuzz', '2025-02-30', '1.5', ''],
  object: [{ fuzz: 1 }],
  array: [['fuzz']],
  null: [null],
};
const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const show = (v) => {
  const s = JSON.stringify(v);
  return s.length > 24 ? `${s.slice(0, 20)}…` : s;
};
function invalidValues(schema) {
  const out = [];
  for (const values of Object.values(CANDIDATES)) {
    const rejected = values.filter((v) => !isValid(schema, v));
    // A type the schema rejects outright needs one example; otherwise each rejected value says
    // something different (1.5 for an integer, 2147483648 for int32, an impossible date, "" …).
    out.push(...(rejected.length === values.length ? rejected.slice(0, 1) : rejected));
  }
  return out;
}
const acceptsFreeText = (schema) => {
  const s = unwrap(schema);
  return typesOf(schema).includes('string') && !s.enum && !s.format && !s.pattern && !s.const;
};

function bodyVariations(opId, body) {
  const rs = requestSchema(operations.get(opId));
  if (!rs) return;
  // The whole mutated body goes in as the new root: portman's dotted-path overwrites cannot put an
  // object where an object was, nor address keys with dots.
  const setBody = (segs, value, remove = false) => {
    if (segs.length === 0) return [{ overwriteRequestBody: [{ key: '.', value, overwrite: true }] }];
    const copy = JSON.parse(JSON.stringify(body));
    let node = copy;
    for (const k of segs.slice(0, -1)) node = node[k];
    if (remove) delete node[segs[segs.length - 1]];
    else node[segs[segs.length - 1]] = value;
    return [{ overwriteRequestBody: [{ key: '.', value: copy, overwrite: true }] }];
  };
  // Each edge report is for an ad hoc period of its own, or all but the first would be refused as
  // already submitted before their edge value is looked at.
  let adHoc = 0;
  const edgeBody = (overwrites, at) => {
    const root = overwrites[0].overwriteRequestBody[0].value;
    if (opId === 'SubmitReport' && at !== 'period' && root && typeof root === 'object' && root.period === '{{submitPeriod}}') {
      adHoc = adHoc % 99 + 1;
      root.period = `${YEAR}-A${adHoc}`;
    }
    return overwrites;
  };
  const label = (segs) => segs.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');
  const walk = (value, schema, segs) => {
    const at = label(segs);
    if (segs.length) {
      for (const bad of invalidValues(schema)) addVariation(opId, `body ${at}=${show(bad)} (${typeName(bad)})`, '400', setBody(segs, bad));
      if (acceptsFreeText(schema) && typeof value === 'string') addVariation(opId, `body ${at}=${LONG_TEXT.length} chars`, '400', setBody(segs, LONG_TEXT));
      for (const ok of edgeValues(schema, value)) addVariation(opId, `edge ${at}=${show(ok)}`, 'any', edgeBody(setBody(segs, ok), at), undefined, 'edge');
    }
    const s = unwrap(schema);
    if (Array.isArray(value)) {
      const items = itemSchema(schema);
      if (!items) return;
      if (value.length > 0) walk(value[0], items, [...segs, 0]);
      else for (const bad of invalidValues(items)) addVariation(opId, `body ${at}=[${show(bad)}]`, '400', setBody(segs, [bad]));
    } else if (value && typeof value === 'object') {
      if (s.additionalProperties === false) addVariation(opId, `body ${label([...segs, 'fuzzUnknown'])} (property not in schema)`, '400', setBody([...segs, 'fuzzUnknown'], 1));
      // portman's requiredFields fuzzing loses the path below arrays (it removes "kind" for
      // "legalBases[0].kind"); every required property present is removed here as well.
      for (const k of s.required || []) {
        if (k in value) addVariation(opId, `body ${label([...segs, k])} removed (required)`, '400', setBody([...segs, k], undefined, true));
      }
      const keys = Object.keys(value);
      for (const k of keys) {
        const sub = childSchema(schema, k);
        if (sub) walk(value[k], sub, [...segs, k]);
      }
      if (keys.length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
        for (const bad of invalidValues(s.additionalProperties)) addVariation(opId, `body ${label([...segs, 'fuzzKey'])}=${show(bad)} (${typeName(bad)})`, '400', setBody([...segs, 'fuzzKey'], bad));
      }
    }
  };
  walk(body, rs.schema, []);
  // The body as a whole.
  for (const bad of [[], 'fuzz', 12345, null]) {
    if (!isValid(rs.schema, bad) && !(bad === null && !rs.required)) addVariation(opId, `body root=${show(bad)}`, '400', setBody([], bad));
  }
  for (const ok of [null, {}]) {
    if (isValid(rs.schema, ok) && !(ok === null && rs.required)) addVariation(opId, `edge root=${show(ok)}`, 'any', setBody([], ok), undefined, 'edge');
  }
  const script = (js) => [js];
  addVariation(opId, 'body malformed JSON', '400', [], script('pm.request.body.update(\'{"title": "unterminated\');'));
  if (rs.required) addVariation(opId, 'body empty', '400', [], script("pm.request.body.update('');"));
  addVariation(opId, 'body sent as text/plain', '4xx', [{ overwriteRequestHeaders: [{ key: 'Content-Type', value: 'text/plain' }] }]);
  addVariation(opId, 'body over 1 MiB', '413', [], script("pm.request.body.update(JSON.stringify({ fuzzPadding: 'x'.repeat(1100 * 1024) }));"));
}

function paramVariations(entry, isWrite) {
  for (const p of entry.params) {
    if (!p || !p.schema) continue;
    const setPath = (value) => [{ overwriteRequestPathVariables: [{ key: p.name, value, insert: false }] }];
    const setQuery = (value) => [{ overwriteRequestQueryParams: [{ key: p.name, value, disable: false }] }];
    const setHeader = (value) => [{ overwriteRequestHeaders: [{ key: p.name, value, disable: false }] }];
    if (p.in === 'path') {
      const raw = {
        code: ['ABC', '1234567890123456789012345', `${CODE}-`, '-PVHXH', 'VN%2F75', '%20', 'B%C3%ACnh', `${CODE}%3B1`],
        year: ['abc', '1.5', '2147483648', '2025abc', '0x7E9', '1e3', '%20', '-1', '0', '99999'],
        taskId: ['NOPE', 'T'.repeat(300), '%20', 'T1%2F..', '%00'],
        period: entry.id === 'GetConsolidatedReport'
          // docs/api.md: a quarter, the first half or the year, of any year
          ? ['fuzz', `${YEAR}-Q5`, `${YEAR}-H2`, `${YEAR}-A1`, 'Q1-2025', `${YEAR}-Q1x`]
          : ['fuzz', `${YEAR}-Q5`, `${YEAR}-H2`, `${YEAR - 1}-Q1`, `${YEAR}-A0`, 'Q1-2025', `${YEAR}-Q1x`],
      }[p.name] || ['fuzz', '%20', 'x'.repeat(300)];
      // The acknowledgement is written by the parent (its valid code): the unit itself is the one not above its escalation.
      const known = p.name === 'code' ? ['99999', UNKNOWN_DEPARTMENT, 'VN', entry.id === 'AcknowledgeEscalation' ? CODE : '75', '%2E%2E'] : [];
      if (entry.id === 'GetConsolidatedReport' && p.name === 'period') {
        for (const value of [`${YEAR - 1}-Q1`, `${YEAR}`, `${YEAR}-Y`, `${YEAR}-H1`]) addVariation(entry.id, `path period=${value} (valid)`, 'any', setPath(value));
      }
      for (const value of raw) {
        // README "Unit codes" defines the code; a path parameter declared as any string cannot.
        const malformedCode = p.name === 'code';
        const invalid = malformedCode || !isValid(p.schema, paramValue(decodeURIComponent(value)));
        // A value the document allows is a valid request: only reads get those (never a write in
        // the variation pass), with no expectation beyond the declared responses.
        if (invalid) addVariation(entry.id, `path ${p.name}=${value}`, p.name === 'code' || p.name === 'year' ? '400' : '4xx', setPath(value));
        else if (p.name === 'taskId' || p.name === 'period') addVariation(entry.id, `path ${p.name}=${value}`, '4xx', setPath(value));
        else if (!isWrite && entry.id !== 'SubscribeLive') addVariation(entry.id, `path ${p.name}=${value} (allowed by the document)`, 'any', setPath(value));
      }
      for (const value of known) addVariation(entry.id, `path ${p.name}=${value} (unknown, out of scope or another route)`, '4xx', setPath(value));
    } else if (p.in === 'query') {
      const raw = { offset: ['abc', '1.5', '2147483648', '-1', '100000'], limit: ['abc', '1.5', '2147483648', '-1', '0', '100000'], year: ['abc', '1.5', '2147483648', '-1', '0', '99999'], sort: ['fuzz', ''], format: ['pdf', 'csv', 'html', ''] }[p.name] || ['fuzz', ''];
      for (const value of raw) {
        const invalid = !isValid(p.schema, paramValue(value));
        if (invalid) addVariation(entry.id, `query ${p.name}=${value}`, '400', setQuery(value));
        else if (entry.id !== 'SubscribeLive') addVariation(entry.id, `query ${p.name}=${value} (allowed by the document)`, 'any', setQuery(value), undefined, isWrite ? 'edge' : 'variation');
      }
    } else if (p.in === 'header') {
      if (p.name === 'If-Match') {
        addVariation(entry.id, 'header If-Match: fuzz (not an entity tag)', '400', setHeader('fuzz'));
        addVariation(entry.id, 'header If-Match: W/"1" (weak)', '412', setHeader('W/"1"'));
        addVariation(entry.id, 'header If-Match: "999999" (stale)', '412', setHeader('"999999"'));
      } else if (p.name === 'Idempotency-Key') {
        addVariation(entry.id, 'header Idempotency-Key: "" (empty)', '400', setHeader(''));
        addVariation(entry.id, 'header Idempotency-Key: 256 characters', '400', setHeader('k'.repeat(256)));
        addVariation(entry.id, 'header Idempotency-Key: "a b" (space)', '400', setHeader('a b'));
        addVariation(entry.id, 'header Idempotency-Key: non-ASCII', '400', setHeader('khóa-ümlaut'));
      } else {
        addVariation(entry.id, `header ${p.name}: 300 characters`, 'any', setHeader('x'.repeat(300)), undefined, isWrite ? 'edge' : 'variation');
      }
    }
  }
}

function authVariations(entry, isWrite) {
  const bearer = (token) => [{ overwriteRequestSecurity: { bearer: { token } } }];
  const raw = (value) => [{ overwriteRequestSecurity: { remove: true } }, { overwriteRequestHeaders: [{ key: 'Authorization', value }] }];
  addVariation(entry.id, 'auth: no token', '401', [{ overwriteRequestSecurity: { remove: true } }]);
  addVariation(entry.id, 'auth: Bearer fuzz (not a JWT)', '401', bearer('{{tokNone}}'));
  addVariation(entry.id, 'auth: token signed with another key', '401', bearer('{{tokWrongKey}}'));
  addVariation(entry.id, 'auth: expired token', '401', bearer('{{tokExpired}}'));
  addVariation(entry.id, 'auth: token not yet valid', '401', bearer('{{tokNotYetValid}}'));
  addVariation(entry.id, 'auth: token of another issuer', '401', bearer('{{tokWrongIssuer}}'));
  addVariation(entry.id, 'auth: token for another audience', '401', bearer('{{tokWrongAudience}}'));
  addVariation(entry.id, 'auth: unsigned token (alg none)', '401', bearer('{{tokAlgNone}}'));
  addVariation(entry.id, 'auth: token signed HS512', '401', bearer('{{tokHS512}}'));
  addVariation(entry.id, 'auth: unknown role', '4xx', bearer('{{tokUnknownRole}}'));
  addVariation(entry.id, 'auth: malformed unit claim', '4xx', bearer('{{tokBadUnitClaim}}'));
  addVariation(entry.id, 'auth: Basic credentials', '401', [{ overwriteRequestSecurity: { basic: { username: 'officer', password: 'fuzz' } } }]);
  addVariation(entry.id, 'auth: "Bearer" without a token', '401', raw('Bearer'));
  addVariation(entry.id, 'auth: token twice', '401', raw('Bearer {{bearerToken}} {{bearerToken}}'));
  if (entry.id !== 'SubscribeLive') {
    addVariation(entry.id, 'auth: token in the query string', '401', [
      { overwriteRequestSecurity: { remove: true } },
      { overwriteRequestQueryParams: [{ key: 'access_token', value: '{{bearerToken}}' }] },
    ]);
  }
  addVariation(entry.id, 'auth: officer of another commune', '403', bearer('{{tokOtherCommune}}'));
  if (isWrite) {
    addVariation(entry.id, 'auth: viewer writes', '403', bearer('{{tokViewer}}'));
    addVariation(entry.id, 'auth: officer of the parent writes', '403', bearer('{{tokParentOfficer}}'));
    addVariation(entry.id, 'auth: officer of a department writes', '403', bearer('{{tokDepartmentOfficer}}'));
  }
}

function generateVariations(ctx) {
  const bodies = {
    ImportPlan: ctx.importBody,
    PutPlan: ctx.planBody,
    AddTask: baseBody('AddTask'),
    CompleteTask: ctx.completion,
    CancelTask: baseBody('CancelTask'),
    StartTask: baseBody('StartTask'),
    SubmitReport: baseBody('SubmitReport'),
    AcceptReport: baseBody('AcceptReport'),
    ReturnReport: baseBody('ReturnReport'),
    AcknowledgeEscalation: baseBody('AcknowledgeEscalation'),
  };
  for (const entry of operations.values()) {
    if (!entry.path.startsWith('/api/')) continue;
    const isWrite = entry.method !== 'GET';
    authVariations(entry, isWrite);
    paramVariations(entry, isWrite);
    if (bodies[entry.id]) bodyVariations(entry.id, bodies[entry.id]);
    else if (requestSchema(entry)) log(`warning: no base body for ${entry.id}: its body is not fuzzed`);
  }
}

const baseConfig = JSON.parse(fs.readFileSync(path.join(here, 'portman-config.json'), 'utf8'));
function baseBody(opId) {
  for (const o of baseConfig.overwrites || []) {
    if (o.openApiOperationId !== opId) continue;
    const root = (o.overwriteRequestBody || []).find((b) => b.key === '.');
    if (root) return root.value;
  }
  die(`portman-config.json has no body for ${opId}`);
}

// Expected status → openApiResponse (the response portman's contract tests check against) and tests.
const CONTRACT = { contentType: { enabled: true }, jsonBody: { enabled: true }, schemaValidation: { enabled: true } };
function variationTests(entry, expect) {
  const declared = Object.keys(entry.op.responses || {});
  const exact = /^\d{3}$/.test(expect) ? expect : null;
  // 'any' leaves portman's default (the first 2xx); '4xx' checks against the declared 400.
  const target = exact ? (declared.includes(exact) ? exact : undefined) : expect === '4xx' && declared.includes('400') ? '400' : undefined;
  const contract = { openApiOperationId: entry.id, ...CONTRACT };
  if (exact && declared.includes(exact)) contract.statusCode = { enabled: true, code: Number(exact) };
  const extend = [];
  if (exact && !declared.includes(exact)) {
    extend.push(`pm.test("[fuzz] expected status ${exact}", function () { pm.expect(pm.response.code).to.equal(${exact}); });`);
  }
  if (expect === '4xx') {
    extend.push('pm.test("[fuzz] expected a 4xx rejection", function () { pm.expect(pm.response.code).to.be.within(400, 499); });');
  }
  const tests = { contractTests: [contract] };
  if (extend.length) tests.extendTests = [{ openApiOperationId: entry.id, tests: extend }];
  return { target, tests };
}

function effectiveConfig(ctx) {
  const config = JSON.parse(JSON.stringify(baseConfig));
  config.overwrites.push(
    { openApiOperationId: 'ImportPlan', overwriteRequestBody: [{ key: '.', overwrite: true, value: ctx.importBody }] },
    { openApiOperationId: 'PutPlan', overwriteRequestBody: [{ key: '.', overwrite: true, value: ctx.planBody }] },
    { openApiOperationId: 'CompleteTask', overwriteRequestBody: [{ key: '.', overwrite: true, value: ctx.completion }] },
  );
  const byOp = new Map();
  for (const v of variations) byOp.set(v.op, [...(byOp.get(v.op) || []), v]);
  for (const [opId, list] of byOp) {
    const entry = operations.get(opId);
    config.tests.variationTests.push({
      openApiOperationId: opId,
      variations: list.map((v) => {
        const { target, tests } = variationTests(entry, v.expect);
        const out = { name: v.name, overwrites: v.overwrites, tests };
        if (target) out.openApiResponse = target;
        if (v.preRequest) out.operationPreRequestScripts = [{ openApiOperationId: opId, scripts: v.preRequest }];
        return out;
      }),
    });
  }
  return config;
}

// ---------------------------------------------------------------------------------------------
// portman, and the collection it writes

function runPortman(configFile, collectionFile) {
  const work = path.join(OUT, 'portman-work');
  fs.mkdirSync(work, { recursive: true });
  const bin = path.join(here, 'node_modules', '@apideck', 'portman', 'bin', 'portman');
  const args = [
    bin,
    '--cliOptionsFile', path.join(here, 'portman-cli-options.json'),
    '--local', OAS_FILE,
    '--baseUrl', BASE,
    '--portmanConfigFile', configFile,
    '--output', collectionFile,
  ];
  const res = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  fs.writeFileSync(path.join(OUT, 'portman.log'), `${res.stdout || ''}\n${res.stderr || ''}`);
  if (res.status !== 0 || !fs.existsSync(collectionFile)) {
    die(`portman failed (exit ${res.status}${res.error ? `, ${res.error.message}` : ''}); see ${path.join(OUT, 'portman.log')}`);
  }
  const skipped = (res.stdout || '').split('\n').filter((l) => /schemaValidation skipped|not being validated/i.test(l));
  return skipped;
}

const routeOfItem = (item) => {
  const segs = item.request.url.path || [];
  return `${item.request.method} /${segs.map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s)).join('/')}`;
};
// What a request sends, to spot variations portman left identical to their base request.
function requestShape(item) {
  const r = item.request;
  const url = r.url || {};
  const pre = (item.event || []).filter((e) => e.listen === 'prerequest').map((e) => [].concat(e.script?.exec || []).join('\n'));
  let body = r.body?.raw ?? '';
  try { body = JSON.stringify(JSON.parse(body)); } catch { /* keep raw */ }
  return JSON.stringify({
    path: url.path,
    vars: (url.variable || []).map((v) => [v.key, v.value]),
    query: (url.query || []).filter((q) => !q.disabled).map((q) => [q.key, q.value]),
    headers: (r.header || []).filter((h) => !h.disabled).map((h) => [h.key.toLowerCase(), h.value]).sort(),
    auth: r.auth || null,
    body,
    pre,
  });
}

function postProcess(collectionFile) {
  const collection = JSON.parse(fs.readFileSync(collectionFile, 'utf8'));
  const flatten = (items) => items.flatMap((i) => (i.item ? flatten(i.item) : [i]));
  const contractFolder = collection.item.find((f) => f.name === 'Contract Tests');
  const variationFolder = collection.item.find((f) => f.name === 'Variation Tests');
  if (!contractFolder || !variationFolder) die('portman wrote no "Contract Tests" / "Variation Tests" folder');
  const meta = {};
  const bases = new Map(); // route → contract item
  const dropped = [];
  for (const item of flatten(contractFolder.item)) {
    const entry = byRoute.get(routeOfItem(item));
    if (!entry) die(`portman item ${item.name} matches no operation`);
    bases.set(routeOfItem(item), item);
    item.id = crypto.randomUUID();
    const ok = Object.keys(entry.op.responses || {}).find((c) => /^2\d\d$/.test(c));
    meta[item.id] = { kind: 'contract', op: entry.id, route: `${entry.method} ${entry.path}`, variation: 'contract (valid request)', expect: ok || '2xx', target: ok };
  }
  const expectByName = new Map(variations.map((v) => [`${v.op}|${v.name}`, v]));
  const shapes = new Set();
  const prune = (items) => items.filter((item) => {
    if (item.item) { item.item = prune(item.item); return item.item.length > 0; }
    const route = routeOfItem(item);
    const entry = byRoute.get(route);
    const base = bases.get(route);
    if (!entry) die(`portman item ${item.name} matches no operation`);
    const baseName = base ? base.name : entry.op.summary || '';
    const suffix = item.name.startsWith(baseName) ? item.name.slice(baseName.length) : item.name;
    const shape = requestShape(item);
    if (base && shape === requestShape(base)) { dropped.push({ op: entry.id, variation: suffix, why: 'identical to the valid request (portman fuzzed a path that is not in the body)' }); return false; }
    if (shapes.has(shape)) { dropped.push({ op: entry.id, variation: suffix, why: 'duplicate of another variation' }); return false; }
    shapes.add(shape);
    const mine = suffix.match(/^\[(.*)\]$/) && expectByName.get(`${entry.id}|${suffix.slice(1, -1)}`);
    const portmanFuzz = suffix.startsWith('[portman fuzz]');
    if (!mine && !portmanFuzz) die(`unexpected variation ${item.name}`);
    item.id = crypto.randomUUID();
    const expect = mine ? mine.expect : '400';
    meta[item.id] = {
      kind: portmanFuzz ? 'portman-fuzz' : mine.kind,
      op: entry.id,
      route: `${entry.method} ${entry.path}`,
      variation: suffix.replace(/^\[|\]$/g, ''),
      expect,
      target: portmanFuzz ? '400' : variationTests(entry, expect).target,
    };
    item.name = `${entry.id} ${suffix}`;
    return true;
  });
  variationFolder.item = prune(variationFolder.item);
  // Only the two folders run; the SSE subscription (it never ends) has no contract request.
  collection.item = [contractFolder, variationFolder];
  for (const item of flatten(contractFolder.item)) item.name = `${meta[item.id].op} [contract]`;
  fs.writeFileSync(collectionFile, JSON.stringify(collection));
  fs.writeFileSync(path.join(OUT, 'requests-meta.json'), JSON.stringify(meta));
  return { collection, meta, dropped };
}

// ---------------------------------------------------------------------------------------------
// 3. newman, and the digest of what the variations must not change

function runNewman(collection, folder, envValues, exportFile) {
  if (remaining() < 15_000) die(`out of time (FUZZ_BUDGET_SECONDS=${BUDGET_MS / 1000}) before ${path.basename(exportFile)}`);
  return new Promise((resolve, reject) => {
    const budget = remaining() - 10_000;
    newman.run({
      collection,
      ...(folder ? { folder } : {}),
      envVar: Object.entries(envValues).map(([key, value]) => ({ key, value: String(value) })),
      reporters: ['json'],
      reporter: { json: { export: exportFile } },
      timeoutRequest: REQUEST_TIMEOUT_MS,
      timeout: budget,
      ignoreRedirects: true,
      insecure: false,
    }, (err, summary) => (err ? reject(err) : resolve(summary)));
  });
}

// The variation folder in runs of at most `size` requests, each request in a folder of its own:
// newman's JSON report of a run holds its collection, every request and response, and for every
// failed assertion the folder around it, which past a few hundred requests is more than one string
// can hold.
function variationChunks(collection, size, wanted) {
  const folder = collection.item.find((f) => f.name === 'Variation Tests');
  const flatten = (items) => items.flatMap((i) => (i.item ? flatten(i.item) : [i]));
  const items = flatten(folder.item).filter(wanted);
  const chunks = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push({ ...collection, item: items.slice(i, i + size).map((item) => ({ name: item.name, item: [item] })) });
  }
  return chunks;
}

// Every unit a write of the variation pass names in its path, read as a national viewer (the
// officer of CODE may not read its parent or the nation).
function digestPaths(ctx) {
  const codes = [...new Set([CODE, ...ctx.childCodes, UNKNOWN_DEPARTMENT, ctx.parent, 'VN', '99999'])];
  return codes.flatMap((c) => [
    `/api/units/${c}`,
    `/api/units/${c}/plans/${YEAR}`,
    `/api/units/${c}/plans/${YEAR}/tasks`,
    `/api/units/${c}/plans/${YEAR}/reports`,
  ]);
}
async function digest(paths, token) {
  const out = {};
  for (const p of paths) {
    const r = await api('GET', p, { token });
    const body = r.json !== undefined ? r.json : r.text;
    if (body && typeof body === 'object') delete body.traceId;
    out[p] = { status: r.status, body };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 4. judging

const statusOf = (code) => Math.floor(code / 100);
function declaredResponse(entry, code) {
  const rs = entry.op.responses || {};
  const key = rs[String(code)] ? String(code) : rs[`${statusOf(code)}XX`] ? `${statusOf(code)}XX` : rs.default ? 'default' : null;
  return key ? { key, response: deref(rs[key]) } : null;
}
const mediaMatches = (actual, declared) => {
  if (declared === '*/*') return true;
  const [t, s] = declared.split('/');
  const [at, as] = actual.split('/');
  return (t === '*' || t === at) && (s === '*' || s === as);
};
function expectationMet(expect, code) {
  if (expect === 'any') return true;
  if (expect === '2xx') return statusOf(code) === 2;
  if (expect === '4xx') return statusOf(code) === 4;
  return String(code) === expect;
}
function ajvErrors(errors) {
  return (errors || []).slice(0, 3).map((e) => {
    const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : e.params?.missingProperty ? ` '${e.params.missingProperty}'` : '';
    return `${e.instancePath || '/'} ${e.message}${extra}`;
  }).join('; ') + ((errors || []).length > 3 ? `; … ${errors.length - 3} more` : '');
}
const PORTMAN_KINDS = [
  [/Status code is 2xx|Response status code is|\[fuzz\] expected/, 'status'],
  [/Content-Type is/, 'content-type'],
  [/Response has JSON Body/, 'json'],
  [/Schema is valid/, 'schema'],
];

function judgeExecution(exec, meta) {
  const m = meta[exec.item?.id];
  const url = exec.request?.url || {};
  const query = (url.query || []).filter((q) => !q.disabled).map((q) => `${q.key}=${q.value ?? ''}`).join('&');
  const where = `/${(url.path || []).join('/')}${query ? `?${query}` : ''}`;
  const method = exec.request?.method || '?';
  const row = { kind: m?.kind || '?', op: m?.op || '?', route: m?.route || '?', method, path: where, variation: m?.variation || exec.item?.name, status: null, reasons: [], body: '' };
  if (!m) { row.reasons.push(['internal', `no metadata for item ${exec.item?.name}`]); return row; }
  const entry = operations.get(m.op);
  if (exec.requestError || !exec.response) {
    row.reasons.push(['no-response', `no response: ${exec.requestError?.message || exec.requestError?.code || 'request failed'}`]);
    return row;
  }
  const res = exec.response;
  const code = res.code;
  row.status = code;
  const buf = res.stream?.data ? Buffer.from(res.stream.data) : Buffer.alloc(0);
  const text = buf.toString('utf8');
  row.body = text.slice(0, 400);
  const header = (name) => (res.header || []).find((h) => h.key.toLowerCase() === name)?.value;
  const ctHeader = header('content-type') || '';
  const ct = ctHeader.split(';')[0].trim().toLowerCase();
  const own = new Set();
  const fail = (category, message) => { own.add(category); row.reasons.push([category, message]); };
  if (code >= 500) fail('5xx', `server error ${code}`);
  // Kestrel itself refuses what is not valid HTTP (a NUL byte in the path, a raw non-ASCII byte
  // in a header) with an empty 400 and closes the connection, before any of the API runs: a
  // refusal, but not one the API's document can describe.
  const protocolRefusal = code === 400 && !ctHeader && text.length === 0 && /close/i.test(header('connection') || '');
  const declared = protocolRefusal ? { response: {} } : declaredResponse(entry, code);
  if (!declared) {
    fail('undeclared-status', `status ${code} is not declared for ${entry.id} (declared: ${Object.keys(entry.op.responses || {}).join(', ')})`);
  } else {
    const content = declared.response?.content;
    if (content && Object.keys(content).length > 0) {
      const media = Object.keys(content).find((c) => mediaMatches(ct, c.toLowerCase()));
      if (!media) {
        fail('content-type', `Content-Type '${ctHeader || '(none)'}' is not the declared ${Object.keys(content).join(' or ')} for ${code}`);
      } else if (/json/.test(media) && content[media].schema) {
        let json;
        try { json = JSON.parse(text); } catch { fail('schema', `body of ${code} is not JSON`); }
        if (json !== undefined) {
          const validate = validatorFor(content[media].schema);
          if (!validate(json)) fail('schema', `body does not match the declared schema for ${code}: ${ajvErrors(validate.errors)}`);
        }
      }
    } else if (text.length > 0 && !/^text\/event-stream/.test(ct)) {
      fail('content-type', `a ${ct || 'body'} is returned where ${code} declares no content`);
    }
  }
  if (!expectationMet(m.expect, code)) {
    if (m.kind !== 'contract' && statusOf(code) === 2) fail('accepted-malformed', `malformed request accepted: expected ${m.expect}, got ${code}`);
    else fail('unexpected-status', `expected ${m.expect}, got ${code}`);
  }
  // portman's own contract assertions: the status ones are the expectation above; the content and
  // schema ones check the response portman targeted, which is this one only when the codes agree.
  for (const a of exec.assertions || []) {
    if (!a.error || protocolRefusal) continue;
    const kind = (PORTMAN_KINDS.find(([re]) => re.test(a.assertion)) || [null, 'other'])[1];
    if (kind === 'status') continue;
    if (kind !== 'other' && String(code) !== String(m.target)) continue;
    // Already explained by this response's own content-type or schema failure.
    if (kind !== 'other' && (own.has('content-type') || own.has('schema'))) continue;
    row.reasons.push([`portman-${kind}`, `portman: ${a.assertion.replace(/^\[[A-Z]+\]::\S+ - /, '')}: ${String(a.error.message).replace(/\s+/g, ' ')}`]);
  }
  return row;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const ctx = await setup();
  log(`unit ${CODE}/${YEAR}: tasks ${JSON.stringify(ctx.tasks)}, departments ${ctx.childCodes.join(' ') || '(none)'}`);
  generateVariations(ctx);
  const configFile = path.join(OUT, 'portman-config.effective.json');
  fs.writeFileSync(configFile, JSON.stringify(effectiveConfig(ctx), null, 2));
  const collectionFile = path.join(OUT, 'collection.json');
  const t0 = Date.now();
  const skippedSchemas = runPortman(configFile, collectionFile);
  const { collection, meta, dropped } = postProcess(collectionFile);
  const counts = Object.values(meta).reduce((acc, m) => ({ ...acc, [m.kind]: (acc[m.kind] || 0) + 1 }), {});
  log(`portman generated ${Object.keys(meta).length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}); ${dropped.length} no-op/duplicate variations left out`);
  fs.writeFileSync(path.join(OUT, 'dropped-variations.json'), JSON.stringify(dropped, null, 2));
  for (const line of skippedSchemas) log(`portman: ${line.trim()}`);

  const contractReport = path.join(OUT, 'newman-contract.json');
  const reports = [contractReport];
  const t = Date.now();
  await runNewman(collection, 'Contract Tests', ctx.contractEnv, contractReport);
  log(`newman: contract pass in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const pass = async (name, wanted, env) => {
    const begun = Date.now();
    const chunks = variationChunks(collection, 200, (item) => wanted(meta[item.id]));
    for (const [i, chunk] of chunks.entries()) {
      const file = path.join(OUT, `newman-${name}-${String(i + 1).padStart(2, '0')}.json`);
      await runNewman(chunk, undefined, env, file);
      reports.push(file);
    }
    log(`newman: ${name} pass (${chunks.reduce((n, c) => n + c.item.length, 0)} requests, ${chunks.length} runs) in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
  };
  // Valid writes with edge values may change the campaign; the plan is put back before the digest.
  await pass('edge', (m) => m.kind === 'edge', ctx.edgeEnv);
  const restored = await api('PUT', `/api/units/${CODE}/plans/${YEAR}`, { body: ctx.planBody });
  if (restored.status !== 200) die(`could not put the plan back after the edge pass: ${restored.status} ${restored.text.slice(0, 300)}`);
  // The malformed requests, between two digests of everything they could have changed.
  const paths = digestPaths(ctx);
  const before = await digest(paths, ctx.tokens.tokNationalViewer);
  await pass('variations', (m) => m.kind === 'variation' || m.kind === 'portman-fuzz', ctx.variationEnv);
  const after = await digest(paths, ctx.tokens.tokNationalViewer);
  fs.writeFileSync(path.join(OUT, 'digest.json'), JSON.stringify({ before, after }, null, 1));

  const rows = [];
  for (const file of reports) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const exec of report.run?.executions || []) rows.push(judgeExecution(exec, meta));
  }
  const sha = (x) => crypto.createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
  // The writes the variation pass saw accepted: the first suspects when the state moved.
  const accepted = rows.filter((r) => (r.kind === 'variation' || r.kind === 'portman-fuzz') && r.method !== 'GET' && statusOf(r.status) === 2);
  for (const p of paths) {
    const changed = sha(before[p]) !== sha(after[p]);
    const suspects = accepted.length ? `; writes answered 2xx in the variation pass: ${accepted.length} (${accepted.slice(0, 3).map((r) => `${r.op} ${r.variation}`).join('; ')}${accepted.length > 3 ? '; …' : ''})` : '';
    rows.push({
      kind: 'digest', op: 'state', route: `GET ${p}`, method: 'GET', path: p, variation: 'state after the variation pass',
      status: after[p].status, body: changed ? JSON.stringify(after[p].body).slice(0, 400) : '',
      reasons: changed ? [['state-changed', `malformed requests changed it: ${describeChange(before[p], after[p])}${suspects}`]] : [],
    });
  }
  report(rows, dropped);
}

// What moved between two digest entries, in a few words (status, changed fields, list lengths).
function describeChange(a, b) {
  const out = [];
  if (a.status !== b.status) out.push(`status ${a.status} → ${b.status}`);
  const brief = (v) => (Array.isArray(v) ? `${v.length} items` : v && typeof v === 'object' ? 'object' : JSON.stringify(v)?.slice(0, 30));
  if (Array.isArray(a.body) || Array.isArray(b.body)) out.push(`${brief(a.body)} → ${brief(b.body)}`);
  else if (a.body && b.body && typeof a.body === 'object' && typeof b.body === 'object') {
    for (const k of new Set([...Object.keys(a.body), ...Object.keys(b.body)])) {
      if (JSON.stringify(a.body[k]) !== JSON.stringify(b.body[k])) out.push(`${k}: ${brief(a.body[k])} → ${brief(b.body[k])}`);
    }
  } else if (JSON.stringify(a.body) !== JSON.stringify(b.body)) out.push('body changed');
  return out.slice(0, 6).join(', ') || 'changed';
}

function report(rows, dropped) {
  const failed = rows.filter((r) => r.reasons.length > 0);
  const tsv = (cells) => cells.map((c) => String(c ?? '').replace(/[\t\n\r]+/g, ' ')).join('\t');
  fs.writeFileSync(path.join(OUT, 'requests.tsv'), [
    tsv(['kind', 'operation', 'method', 'path', 'variation', 'status', 'verdict', 'reasons']),
    ...rows.map((r) => tsv([r.kind, r.op, r.method, r.path.slice(0, 300), r.variation, r.status, r.reasons.length ? 'FAIL' : 'pass', r.reasons.map((x) => x[1]).join(' | ')])),
  ].join('\n') + '\n');
  fs.writeFileSync(path.join(OUT, 'failures.json'), JSON.stringify(failed.map((r) => ({ ...r, path: r.path.slice(0, 300) })), null, 1));

  const perOp = new Map();
  for (const r of rows) {
    const key = r.kind === 'digest' ? 'GET (state digest, after the variation pass)' : r.route;
    const c = perOp.get(key) || { n: 0, failed: 0, kinds: {} };
    c.n++;
    if (r.reasons.length) c.failed++;
    c.kinds[r.kind] = (c.kinds[r.kind] || 0) + 1;
    perOp.set(key, c);
  }
  console.log('\nrequests per operation (failed / sent; by kind):');
  for (const [route, c] of [...perOp].sort()) {
    console.log(`  ${String(c.failed).padStart(5)} / ${String(c.n).padEnd(5)} ${route.padEnd(62)} ${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  if (dropped.length) console.log(`\n${dropped.length} variations left out as no-ops or duplicates (see dropped-variations.json)`);

  if (failed.length) {
    // One line per cause and reason (the operation-specific parts of a reason left out), with how
    // many requests and operations it covers and one of them as the example.
    const general = (category, r, message) => {
      if (category === 'undeclared-status') return `status ${r.status} not declared`;
      if (category === 'schema' || category === 'portman-schema') return message.replace(/^.*?for (\d{3}):/, `$1:`).replace(/^portman: /, '');
      if (category === 'content-type') return message;
      return `${r.route}: ${message}`;
    };
    const groups = new Map();
    for (const r of failed) {
      for (const [category, message] of r.reasons) {
        const key = `${category}\t${general(category, r, message)}`;
        if (!groups.has(key)) groups.set(key, { category, reason: general(category, r, message), count: 0, ops: new Set(), example: r, message });
        const g = groups.get(key);
        g.count++;
        g.ops.add(r.route);
      }
    }
    const byCategory = new Map();
    for (const g of groups.values()) byCategory.set(g.category, (byCategory.get(g.category) || 0) + g.count);
    console.log(`\nfailures by cause (a request may have several): ${[...byCategory].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    console.log('\ncause | requests | operations | e.g. method path | variation | status | reason');
    const list = [...groups.values()].sort((a, b) => a.category.localeCompare(b.category) || b.count - a.count);
    const limit = Number(process.env.FUZZ_TABLE_ROWS || 60);
    const one = (x) => String(x ?? '-').replace(/\s+/g, ' ');
    for (const g of list.slice(0, limit)) {
      const e = g.example;
      console.log([g.category, g.count, g.ops.size, `${e.method} ${e.path.slice(0, 90)}`, e.variation.slice(0, 70), e.status ?? '-', g.message.slice(0, 200)].map(one).join(' | '));
    }
    if (list.length > limit) console.log(`… ${list.length - limit} more lines: every failed request is in ${path.join(OUT, 'failures.json')}`);
  }
  console.log(`\nartifacts: ${OUT} (collection.json, newman-*.json, requests.tsv, failures.json, digest.json)`);
  console.log(`fuzz: ${rows.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e?.stack || String(e));
  console.log('fuzz: 0 passed, 1 failed');
  process.exit(1);
});
