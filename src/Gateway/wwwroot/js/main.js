import { t, setLang, currentLang, translateStatic } from './i18n.js';
import { watch } from './liveHub.js';
import { scoreText, scoreColour } from './format.js';
import { renderUnit } from './unitPage.js';
import { Feed } from './feed.js';
import { loadAbout } from './about.js';
import { initAuth, caller, canSignIn, signIn, signOut, onCallerChange, readRoot } from './auth.js';

// A hash router (#/u/{code}) so drilling down never reloads the page and the live streams stay open.
const main = document.getElementById('main');
const crumbs = document.querySelector('[data-testid=breadcrumbs]');
const yearSelect = document.getElementById('year');
const langButton = document.getElementById('lang');
const feed = new Feed(document.getElementById('feed'));

// The year opened first is the latest with work in it (not an empty new year); every scored year,
// newest first, can be picked: past years are read on the units of their day.
const about = await loadAbout();
// A sign-in coming back from the provider puts the address the official left from back first.
await initAuth(about.signIn, about.anonymousReads);
let year = Number(new URLSearchParams(location.search).get('year')) || about.latestYearWithData;
for (let y = about.currentYear; y >= about.firstYear; y--) yearSelect.add(new Option(String(y), String(y), false, y === year));

// The development run plays a simulated year: every page says so.
const banner = document.querySelector('[data-testid=simulated]');
if (about.simulation) {
  banner.hidden = false;
  banner.dataset.year = about.simulation.year;
}

const account = document.querySelector('[data-testid=account]');
function showAccount() {
  const who = caller();
  account.innerHTML = '';
  if (who) {
    const mine = document.createElement('a');
    mine.href = `#/u/${encodeURIComponent(who.unit)}`;
    mine.dataset.testid = 'my-unit';
    mine.textContent = who.name;
    mine.title = `${who.role} · ${who.unit}`;
    account.append(mine);
  }
  if (canSignIn()) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.testid = who ? 'sign-out' : 'sign-in';
    button.textContent = t(who ? 'signOut' : 'signIn');
    button.addEventListener('click', () => (who ? signOut() : signIn()));
    account.append(button);
  }
}

let route = 0;
let leavePage = () => {};
let stopNation = () => {};

// The header follows the nation, or — for a signed-in official whose token reads only a part of
// it (where reads need a token) — the unit their reading starts from.
const home = () => (caller() ? readRoot(caller()) : 'VN');

function watchNation() {
  stopNation();
  const pill = document.querySelector('[data-testid=nation-score]');
  const dot = document.querySelector('[data-testid=nation-live]');
  const label = document.querySelector('[data-testid=nation-pill] [data-i18n]');
  label.dataset.i18n = home() === 'VN' ? 'nationScore' : 'homeScore';
  label.textContent = t(label.dataset.i18n);
  stopNation = watch(home(), year, {
    onScores: s => {
      pill.textContent = scoreText(s.subtree.score);
      pill.style.color = scoreColour(s.subtree.score);
      pill.dataset.version = s.version;
    },
    onState: st => { dot.className = `live-dot ${st}`; },
  });
}

async function show() {
  const current = ++route;
  // A signed-in official's pages open on their own unit, where their work is.
  const code = decodeURIComponent((location.hash.match(/^#\/u\/([^/?]+)/) ?? [])[1] ?? caller()?.unit ?? home());
  leavePage();
  feed.clear();
  leavePage = await renderUnit(main, crumbs, code, year, () => current === route, show, feed);
  if (current !== route) leavePage();
  document.title = `${document.querySelector('[data-testid=unit-name]')?.textContent ?? 'UnitGrains'} — ${t('brand')}`;
}

function relabel() {
  translateStatic();
  if (about.simulation) banner.textContent = t('simulated', { year: about.simulation.year });
  showAccount();
  langButton.textContent = currentLang() === 'vi' ? 'EN' : 'VI';
  langButton.setAttribute('aria-label', currentLang() === 'vi' ? 'English' : 'Tiếng Việt');
}

langButton.addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  relabel();
  show();
});
yearSelect.addEventListener('change', () => {
  year = Number(yearSelect.value);
  watchNation();
  show();
});
window.addEventListener('hashchange', show);
onCallerChange(() => { showAccount(); watchNation(); show(); });

setLang(currentLang());
relabel();
watchNation();
show();
