import { get, getOrNull, getPlan, ApiError } from './api.js';
import { watch } from './liveHub.js';
import { t } from './i18n.js';
import { esc, scoreText, percent, scoreColour, rateColour, date, time, kindLabel, applyCss } from './format.js';
import { HistoryChart } from './historyChart.js';
import { workspaceFor } from './work/workspace.js';
import { documentsCard, mountDocuments } from './documents.js';

const RATES = ['planIssued', 'taskCompletion', 'taskTimeliness', 'reportingRate', 'reportingTimeliness', 'outputAchievement'];
const link = code => `#/u/${encodeURIComponent(code)}`;

/** The page of one unit: score, indicators, units below ranked, history, plan, tasks, reports, escalations — kept live. */
const scoredFrom = 2021;
const thisYear = () => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));

const planOf = async (code, year) => (await getPlan(code, year)).body;

/** The unit's score for every scored year it can be read in: before it existed, through today's units. */
async function yearOverYear(code, unit) {
  const first = unit.validFrom ? Number(unit.validFrom.slice(0, 4)) : scoredFrom;
  const last = unit.validUntil ? Number(unit.validUntil.slice(0, 4)) : thisYear();
  const years = [];
  for (let y = last; y >= scoredFrom; y--) years.push(y);
  return Promise.all(years.map(async y => ({
    year: y,
    through: !unit.validUntil && y < first,
    scores: await getOrNull(`/api/units/${encodeURIComponent(code)}/scores?year=${y}${!unit.validUntil && y < first ? '&through=current' : ''}`),
  })));
}

function yearsCard(years, shown, code) {
  const rows = years.filter(y => y.scores);
  if (rows.length === 0) return '';
  const counts = s => s.subtree.counts;
  return `<section class="card"><h2>${t('overYears')}</h2><div class="table-wrap"><table data-testid="years"><thead><tr>
      <th>${t('year')}</th><th>${t('score')}</th><th class="wide">${t('plansIssued')}</th><th>${t('tasksDone')}</th><th class="wide">${t('reportsSubmitted')}</th></tr></thead><tbody>
    ${rows.map(y => `<tr data-year="${y.year}" class="${y.year === shown ? 'selected' : ''}">
      <td><a href="?year=${y.year}${link(code)}">${y.year}</a>${y.through ? ` <small class="badge" title="${esc(t('throughShort'))}">${t('throughShort')}</small>` : ''}</td>
      <td class="score-cell"><span class="chip" data-css="background:${scoreColour(y.scores.subtree.score)}">${scoreText(y.scores.subtree.score)}</span></td>
      <td class="wide num">${counts(y.scores).plansIssued.toLocaleString()} / ${counts(y.scores).plansExpected.toLocaleString()}</td>
      <td class="num">${counts(y.scores).tasksDone.toLocaleString()} / ${counts(y.scores).tasksDue.toLocaleString()}</td>
      <td class="wide num">${counts(y.scores).reportsSubmitted.toLocaleString()} / ${counts(y.scores).reportsDue.toLocaleString()}</td></tr>`).join('')}
    </tbody></table></div></section>`;
}

function carriedCard(plans, year) {
  const withPlans = plans.filter(p => p.view?.plan);
  if (withPlans.length === 0) return '';
  return `<section class="card"><h2>${t('carriedPlans', { year })}</h2><ul class="lineage" data-testid="carried-plans">${
    withPlans.map(p => `<li><a href="${link(p.key)}">${esc(p.view.plan.title)}</a> <small>${esc(p.view.plan.identifier ?? '')} · ${t('tasks')}: ${p.view.tasks.length}</small></li>`).join('')}</ul></section>`;
}

/** Where the unit came from and went into at the reforms, each a link to the unit's page. */
function lineage(unit) {
  const links = (list, label, testid) => list.length === 0 ? '' : `<h3>${t(label)}</h3><ul class="lineage" data-testid="${testid}">${
    list.map(l => `<li><a href="${link(l.code)}">${esc(l.name)}</a> <small>${esc(l.code.split('@')[0])} · ${t(`how_${l.how}`)} · ${date(l.on)}${l.counted ? '' : ` · ${t('notCounted')}`}</small></li>`).join('')}</ul>`;
  const before = unit.predecessors ?? [];
  const after = unit.successors ?? [];
  if (before.length === 0 && after.length === 0) return '';
  return `<section class="card" data-testid="lineage"><h2>${t('lineage')}</h2>
    <p class="meta">${t('inForce')}: ${unit.validFrom ? date(unit.validFrom) : t('before2023')} – ${unit.validUntil ? date(unit.validUntil) : t('today')}</p>
    ${links(before, 'cameFrom', 'predecessors')}${links(after, 'wentInto', 'successors')}</section>`;
}

export async function renderUnit(main, crumbs, code, year, isCurrent, retry, feed) {
  // A 503 (the cluster is still seeding, or briefly unavailable) is retried; anything else is shown.
  const failed = e => {
    main.innerHTML = `<section class="card error" data-testid="error">${esc(e instanceof ApiError && e.status === 404 ? t('notFound') : `${t('error')}: ${e.message}`)}</section>`;
    const again = e instanceof ApiError && e.status === 503 ? setTimeout(() => isCurrent() && retry(), 3000) : null;
    return () => clearTimeout(again);
  };

  let unit;
  try {
    unit = await get(`/api/units/${encodeURIComponent(code)}`);
  } catch (e) {
    return failed(e);
  }

  // A unit of today asked about a year before it existed is shown through today's units (its
  // predecessors' work carried into it); a unit that ended is shown on the units of its day.
  const firstYear = unit.validFrom ? Number(unit.validFrom.slice(0, 4)) : null;
  const throughToday = firstYear !== null && year < firstYear && !unit.validUntil;
  const view = throughToday ? '&through=current' : '';
  let loaded;
  try {
    loaded = await Promise.all([
    getOrNull(`/api/units/${code}/scores?year=${year}${view}`),
    unit.childCount > 0 ? getOrNull(`/api/units/${code}/children/scores?year=${year}${view}`) : Promise.resolve([]),
    unit.kind === 'nation' ? Promise.resolve(null) : planOf(code, year),
    getOrNull(`/api/units/${code}/scores/history?year=${year}`),
    getOrNull(`/api/units/${code}/escalations?limit=10&year=${year}`),
    ]);
  } catch (e) {
    return failed(e);
  }
  const [scores, children, campaign, history, escalations] = loaded;
  // Every year side by side, and the plans of the units that ended into this one for the year shown.
  const [years, carriedPlans] = await Promise.all([
    yearOverYear(code, unit),
    Promise.all((scores?.carried ?? []).map(async key => ({ key, view: await planOf(key, year) }))),
  ]).catch(() => [[], []]);
  if (!isCurrent()) return () => {};

  const work = workspaceFor(unit, code, year, retry);
  crumbs.innerHTML = [...unit.ancestors, unit]
    .map((u, i, all) => (i === all.length - 1 ? `<span aria-current="page">${esc(u.name)}</span>` : `<a href="${link(u.code)}">${esc(u.name)}</a>`))
    .join('<span class="sep">›</span>');

  main.innerHTML = `
    <section class="card hero" data-testid="hero">
      <div class="hero-text">
        <p class="kind">${esc(kindLabel(unit.kind))} · ${esc(unit.officialCode ?? unit.code)}${unit.validUntil ? ` · <span class="tag bad" data-testid="ended">${t('endedOn')} ${date(unit.validUntil)}</span>` : ''}</p>
        <h1 data-testid="unit-name">${esc(unit.name)}</h1>
        ${throughToday ? `<p class="meta" data-testid="through-today">${t('throughToday', { year, from: date(unit.validFrom) })}</p>` : ''}
        <p class="meta"><span class="status" data-testid="live-state"></span> <span data-testid="updated"></span></p>
      </div>
      <div class="score-ring" data-testid="score-ring"><strong data-testid="score">—</strong><span>${t('of100')}</span></div>
    </section>
    ${lineage(unit)}
    <section class="card"><h2>${t('indicators')}</h2><div class="indicators" data-testid="indicators"></div></section>
    ${yearsCard(years, year, code)}
    ${carriedCard(carriedPlans, year)}
    ${unit.childCount > 0 ? `<section class="card"><h2>${t('ranking')}</h2><div data-testid="kinds" class="kinds" role="group" aria-label="${esc(t('kindFilter'))}"></div><div class="table-wrap"><table class="ranking" data-testid="ranking"></table></div></section>` : ''}
    <section class="card"><h2>${t('history')}</h2><div class="chart" data-testid="history"></div></section>
    <section class="card"><h2>${t('escalations')}</h2><div data-testid="escalations"></div></section>
    ${unit.kind === 'nation' ? '' : '<section class="card campaign" data-testid="campaign"></section>'}
    ${documentsCard(unit, year)}
    ${work.cards}`;
  applyCss(main);
  mountDocuments(main, unit, year);

  const $ = selector => main.querySelector(selector);
  const chart = history ? new HistoryChart($('[data-testid=history]'), history) : null;

  const showScores = s => {
    if (!s) return;
    const score = s.subtree.score;
    $('[data-testid=score]').textContent = scoreText(score);
    $('[data-testid=score-ring]').style.setProperty('--c', scoreColour(score));
    $('[data-testid=score-ring]').style.setProperty('--p', `${score ?? 0}`);
    $('[data-testid=updated]').textContent = `${t('updated')} ${time(s.computedAt)}`;
    $('[data-testid=indicators]').innerHTML = RATES.map(r => `
      <div class="indicator">
        <div class="label"><span>${t(r)}</span><strong>${percent(s.subtree[r])}</strong></div>
        <div class="bar"><i data-css="width:${(s.subtree[r] ?? 0) * 100}%;background:${rateColour(s.subtree[r])}"></i></div>
      </div>`).join('') + `
      <div class="indicator escalation-count"><div class="label"><span>${t('openEscalations')}</span><strong>${s.subtree.openEscalations.toLocaleString()}</strong></div></div>`;
    applyCss($('[data-testid=indicators]'));
  };

  // Each kind is ranked among its own (communes with communes, departments with departments): one kind shown at a time.
  let lastList = null;
  let kind = null;
  const showChildren = (list, changed = new Set()) => {
    const table = $('[data-testid=ranking]');
    if (!table) return;
    lastList = list;
    const kinds = [...new Set((list ?? []).map(c => c.unit.kind))];
    if (!kinds.includes(kind)) kind = kinds[0] ?? null;
    const picker = $('[data-testid=kinds]');
    picker.innerHTML = kinds.length < 2 ? '' : kinds.map(k => `<button type="button" data-kind="${esc(k)}" aria-pressed="${k === kind}">${esc(kindLabel(k))}</button>`).join('');
    for (const button of picker.querySelectorAll('button')) {
      button.addEventListener('click', () => { kind = button.dataset.kind; showChildren(lastList); });
    }
    list = (list ?? []).filter(c => c.unit.kind === kind);
    if (list.length === 0) {
      table.innerHTML = `<tr><td>${t('noChildren')}</td></tr>`;
      return;
    }
    table.innerHTML = `<thead><tr><th>${t('rank')}</th><th>${t('unit')}</th><th>${t('score')}</th><th class="wide">${t('taskCompletion')}</th><th class="wide">${t('reportingRate')}</th><th>${t('openEscalations')}</th></tr></thead><tbody>${
      list.map(c => `<tr data-testid="child-row" data-code="${esc(c.unit.code)}" class="${changed.has(c.unit.code) ? 'flash' : ''}">
        <td class="num">${c.rank}</td>
        <td><a href="${link(c.unit.code)}">${esc(c.unit.name)}</a>${c.unit.kind === 'department' ? ` <small class="badge">${t('kind_department')}</small>` : ''}</td>
        <td class="score-cell"><span class="chip" data-css="background:${scoreColour(c.subtree.score)}">${scoreText(c.subtree.score)}</span><span class="mini"><i data-css="width:${c.subtree.score ?? 0}%;background:${scoreColour(c.subtree.score)}"></i></span></td>
        <td class="wide num">${percent(c.subtree.taskCompletion)}</td>
        <td class="wide num">${percent(c.subtree.reportingRate)}</td>
        <td class="num">${c.subtree.openEscalations.toLocaleString()}</td></tr>`).join('')}</tbody>`;
    applyCss(table);
  };

  const showEscalations = page => {
    const box = $('[data-testid=escalations]');
    if (!page || page.total === 0) {
      box.innerHTML = `<p class="empty">${t('noEscalations')}</p>`;
      return;
    }
    box.innerHTML = `<ul class="escalations">${page.items.map(e => `<li>
        <a href="${link(e.originCode)}">${esc(e.originCode)}</a> <span>${esc(e.title)}</span>
        <small>${t('due')} ${date(e.deadline)} · ${t('level')} ${e.level}</small>${e.acknowledged ? ` <small class="tag good" data-testid="acknowledged">${t('acknowledgedBy')} ${esc(e.acknowledged.byUnit)}${e.acknowledged.comment ? `: ${esc(e.acknowledged.comment)}` : ''}</small>` : ''}</li>`).join('')}</ul>
      ${page.total > page.items.length ? `<p class="more">${t('more', { n: (page.total - page.items.length).toLocaleString() })}</p>` : ''}`;
    work.escalationsShown(box, page);
  };

  const showCampaign = view => {
    const box = $('[data-testid=campaign]');
    if (!box) return;
    if (!view?.plan) {
      box.innerHTML = `<h2>${t('plan')} ${year}</h2><p class="empty">${t('noPlan')}</p>`;
      work.campaignShown(main, view);
      return;
    }
    const overdue = new Set(view.overdueTaskIds);
    box.innerHTML = `
      <h2>${t('plan')} ${year}</h2>
      <p class="plan-title" data-testid="plan-title">${esc(view.plan.title)}</p>
      <p class="meta">${t('identifier')}: ${esc(view.plan.identifier ?? '—')} · ${t('issuedOn')}: ${date(view.plan.issuedOn)} · ${t('period')}: ${date(view.plan.period.from)} – ${date(view.plan.period.to)}</p>
      <h3>${t('tasks')} (${view.tasks.length})</h3>
      <div class="table-wrap"><table class="tasks" data-testid="tasks"><thead><tr><th>${t('tasks')}</th><th>${t('due')}</th><th>${t('status')}</th></tr></thead><tbody>
        ${view.tasks.map(task => `<tr data-task="${esc(task.id)}"><td>${esc(task.title)}</td><td class="nowrap">${date(task.dueDate)}</td>
          <td><span class="tag ${overdue.has(task.id) ? 'bad' : task.status === 'done' ? 'good' : ''}" data-testid="task-status">${overdue.has(task.id) ? t('overdue') : t(`st_${task.status}`)}</span></td></tr>`).join('')}
      </tbody></table></div>
      <h3>${t('reports')}</h3>
      ${view.expectedReports.length === 0 ? `<p class="empty">${t('noReports')}</p>` : `<div class="table-wrap"><table data-testid="reports"><thead><tr><th>${t('expected')}</th><th>${t('deadline')}</th><th>${t('status')}</th></tr></thead><tbody>
        ${view.expectedReports.map(r => `<tr><td>${esc(r.period)}</td><td class="nowrap">${date(r.deadline)}</td>
          <td><span class="tag ${r.status === 'missing' ? 'bad' : r.status === 'submittedOnTime' ? 'good' : ''}">${t(`rs_${r.status}`)}</span></td></tr>`).join('')}
      </tbody></table></div>`}`;
    work.campaignShown(main, view);
  };

  await work.mount(main);
  showScores(scores);
  showChildren(children);
  showEscalations(escalations);
  showCampaign(campaign);

  // Live: scores replace the hero at once; activity says which rows and lists to refetch.
  let pending = null;
  const changed = new Set();
  let ownChanged = false;
  const refresh = () => {
    pending = null;
    const rows = new Set(changed);
    changed.clear();
    const own = ownChanged;
    ownChanged = false;
    if (rows.size > 0 && unit.childCount > 0) getOrNull(`/api/units/${code}/children/scores?year=${year}`).then(list => isCurrent() && showChildren(list, rows));
    getOrNull(`/api/units/${code}/escalations?limit=10&year=${year}`).then(page => isCurrent() && showEscalations(page));
    if (own && unit.kind !== 'nation') planOf(code, year).then(view => isCurrent() && showCampaign(view));
  };

  const stop = watch(code, year, {
    onScores: s => {
      showScores(s);
      chart?.add(s.computedAt, s.subtree.score);
    },
    onActivity: a => {
      feed.add(a);
      for (const c of a.changes) (c.code === code ? (ownChanged = true) : changed.add(c.code));
      if (a.escalationsRaised.length || a.escalationsResolved.length) ownChanged ||= a.changes.some(c => c.code === code);
      pending ??= setTimeout(refresh, 300);
    },
    onState: st => {
      const el = $('[data-testid=live-state]');
      if (el) {
        el.className = `status ${st}`;
        el.textContent = st === 'live' ? t('live') : st === 'reconnecting' ? t('reconnecting') : '';
      }
    },
  });

  return () => {
    stop();
    clearTimeout(pending);
    chart?.destroy();
  };
}
