import { t, setLang, currentLang, translateStatic } from './i18n.js';
import { watch } from './liveHub.js';
import { scoreText, scoreColour } from './format.js';
import { renderUnit } from './unitPage.js';
import { Feed } from './feed.js';

// A hash router (#/u/{code}) so drilling down never reloads the page and the live streams stay open.
const main = document.getElementById('main');
const crumbs = document.querySelector('[data-testid=breadcrumbs]');
const yearSelect = document.getElementById('year');
const langButton = document.getElementById('lang');
const feed = new Feed(document.getElementById('feed'));

const thisYear = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));
let year = Number(new URLSearchParams(location.search).get('year')) || thisYear;
// Every scored year (from 2021, the oldest data held), newest first: past years are read on the units of their day.
for (let y = thisYear; y >= 2021; y--) yearSelect.add(new Option(String(y), String(y), false, y === year));

let route = 0;
let leavePage = () => {};
let stopNation = () => {};

function watchNation() {
  stopNation();
  const pill = document.querySelector('[data-testid=nation-score]');
  const dot = document.querySelector('[data-testid=nation-live]');
  stopNation = watch('VN', year, {
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
  const code = decodeURIComponent((location.hash.match(/^#\/u\/([^/?]+)/) ?? [])[1] ?? 'VN');
  leavePage();
  feed.clear();
  leavePage = await renderUnit(main, crumbs, code, year, () => current === route, show, feed);
  if (current !== route) leavePage();
  document.title = `${document.querySelector('[data-testid=unit-name]')?.textContent ?? 'UnitGrains'} — ${t('brand')}`;
}

function relabel() {
  translateStatic();
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

setLang(currentLang());
relabel();
watchNation();
show();
