import { t, locale } from './i18n.js';

// uPlot (vendored in /vendor) draws the score over the campaign year: the daily closing values
// plus every change of the last hours, and live points appended as they arrive.
export class HistoryChart {
  constructor(element, history) {
    this.element = element;
    // A daily point is the day's last score: place it at the day's end (or now, for today), and
    // leave out days the recent changes already cover.
    const now = Math.floor(Date.now() / 1000);
    const recent = history.recent.filter(p => p.score != null).map(p => [Math.floor(Date.parse(p.at) / 1000), p.score]);
    const recentFrom = recent.length ? recent[0][0] : Infinity;
    const daily = history.daily.filter(p => p.score != null)
      .map(p => [Math.min(Math.floor(Date.parse(p.at) / 1000) + 86399, now), p.score])
      .filter(([x]) => x < recentFrom);
    const points = new Map([...daily, ...recent]);
    this.xs = [...points.keys()].sort((a, b) => a - b);
    this.ys = this.xs.map(x => points.get(x));
    this.plot = null;
    this.draw();
    this.resize = () => this.plot?.setSize(this.size());
    window.addEventListener('resize', this.resize);
  }

  size() {
    return { width: Math.max(240, this.element.clientWidth), height: window.innerWidth < 600 ? 180 : 240 };
  }

  draw() {
    this.plot?.destroy();
    this.element.querySelector('.empty')?.remove();
    if (this.xs.length === 0) {
      this.element.insertAdjacentHTML('beforeend', `<p class="empty">${t('noScore')}</p>`);
      return;
    }
    // Dates over the year; times of day while the series spans less than two days.
    const span = this.xs[this.xs.length - 1] - this.xs[0];
    const fmt = new Intl.DateTimeFormat(locale(), span < 3 * 3600 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : span < 2 * 86400 ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit' });
    this.plot = new uPlot({
      ...this.size(),
      legend: { show: false },
      cursor: { points: { size: 6 } },
      scales: { y: { range: [0, 100] } },
      axes: [
        { values: (u, ticks) => ticks.map(s => fmt.format(new Date(s * 1000))), stroke: '#5b6472', grid: { stroke: '#eceff3' }, space: 70 },
        { stroke: '#5b6472', grid: { stroke: '#eceff3' }, size: 40 },
      ],
      series: [{}, { label: t('score'), stroke: '#b3261e', width: 2, fill: 'rgba(179,38,30,0.08)', points: { show: this.xs.length < 40 } }],
    }, [this.xs, this.ys], this.element);
  }

  add(at, score) {
    if (score == null) return;
    const x = Math.floor(Date.parse(at) / 1000);
    if (this.xs.length && x <= this.xs[this.xs.length - 1]) {
      this.ys[this.ys.length - 1] = score;
    } else {
      this.xs.push(x);
      this.ys.push(score);
    }
    if (this.plot && this.xs.length > 1) this.plot.setData([this.xs, this.ys]);
    else this.draw();
  }

  destroy() {
    window.removeEventListener('resize', this.resize);
    this.plot?.destroy();
  }
}
