// What the gateway says before the first screen (GET /api/about): the campaign day, the latest year
// with work entered, whether the figures are simulated, and where officials sign in.
let about = null;

export async function loadAbout() {
  if (about) return about;
  try {
    const response = await fetch('/api/about', { headers: { Accept: 'application/json' } });
    about = response.ok ? await response.json() : null;
  } catch {
    about = null;
  }
  const thisYear = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));
  about ??= { currentYear: thisYear, latestYearWithData: thisYear, firstYear: 2021, simulation: null, signIn: null };
  return about;
}
