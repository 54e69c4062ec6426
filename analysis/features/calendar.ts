/** The run's calendar as the analysis sees it, from the manifest's start date (Harare has no DST). */

/** Day-of-week (0 = Monday), day of month and days in month for each day of the run. */
export function calendarDays(
  startDate: string,
  days: number,
): { weekday: Uint8Array; dayOfMonth: Uint8Array; daysInMonth: Uint8Array } {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const weekday = new Uint8Array(days);
  const dayOfMonth = new Uint8Array(days);
  const daysInMonth = new Uint8Array(days);
  for (let d = 0; d < days; d++) {
    const t = new Date(start + d * 86_400_000);
    weekday[d] = (t.getUTCDay() + 6) % 7;
    dayOfMonth[d] = t.getUTCDate();
    daysInMonth[d] = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  }
  return { weekday, dayOfMonth, daysInMonth };
}
