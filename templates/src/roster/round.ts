// A round of collection: was each unit on time, and who must be chased (催报名单). Pure: dates are
// YYYY-MM-DD strings; the host turns a file's arrival time into its local date.
import type { ReminderItem, ReminderStatus } from '../report/reminder';

export interface Timeliness {
  late: boolean;
  /** Whole days after the deadline (0 when on time). */
  daysLate: number;
  /** What showed it late: the workbook's 填报日期 or the file's arrival; null when on time. */
  basis: 'fillDate' | 'arrival' | null;
  /** The date that was late (YYYY-MM-DD), or null. */
  lateDate: string | null;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A time's local date, YYYY-MM-DD (default: today). */
export function localDay(t: Date | number = new Date()): string {
  const d = typeof t === 'number' ? new Date(t) : t;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The day a file arrived, as far as its modification time tells (YYYY-MM-DD): null when the time is
 * unknown (0) or later than `asOf` (a file copied after the round, or a round re-imported later: its
 * time says nothing of when it was sent).
 */
export function arrivalDay(mtimeMs: number | null | undefined, asOf?: string | null): string | null {
  if (!mtimeMs || !Number.isFinite(mtimeMs) || mtimeMs <= 0) return null;
  const day = localDay(mtimeMs);
  const limit = dayNumber(asOf);
  return limit !== null && dayNumber(day)! > limit ? null : day;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null. */
export function dayNumber(iso: string | null | undefined): number | null {
  const m = iso ? ISO_DAY.exec(iso) : null;
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.round(t / 86_400_000) : null;
}

/**
 * On time or late against the deadline: late when the workbook's 填报日期 or the file's arrival falls
 * after it (the later of the two counts). Null when there is no deadline or neither date is known.
 */
export function timelinessOf(
  deadline: string | null | undefined,
  fillDate: string | null | undefined,
  arrival: string | null | undefined,
): Timeliness | null {
  const d = dayNumber(deadline);
  if (d === null) return null;
  const dates = (
    [
      ['fillDate', fillDate],
      ['arrival', arrival],
    ] as const
  )
    .map(([basis, iso]) => ({ basis, iso: iso ?? null, day: dayNumber(iso) }))
    .filter((x): x is { basis: 'fillDate' | 'arrival'; iso: string; day: number } => x.day !== null);
  if (dates.length === 0) return null;
  const latest = dates.reduce((a, b) => (b.day > a.day ? b : a));
  if (latest.day <= d) return { late: false, daysLate: 0, basis: null, lateDate: null };
  return { late: true, daysLate: latest.day - d, basis: latest.basis, lateDate: latest.iso };
}

/** One unit's place in the round, as the import knows it. */
export interface RoundUnit {
  name: string;
  contact?: string | null;
  phone?: string | null;
  /** missing: nothing received; unusable: a file that is not a usable workbook; errors: must correct. */
  status: 'ok' | 'warnings' | 'errors' | 'unusable' | 'missing';
  errors?: number;
  timeliness?: Timeliness | null;
  /** The return copy written for the unit (file name), when it must correct its workbook. */
  returnCopy?: string | null;
}

/** What the unit is asked to do, in the 催报名单's words. */
function whatToDo(u: RoundUnit, status: ReminderStatus): string {
  switch (status) {
    case 'missing':
      return '报送填报表';
    case 'unusable':
      return '报送的文件无法作为填报表读取，请用标准填报表重新填写报送';
    case 'returned':
      return `按退回修改件修改${u.errors ? `${u.errors}处错误` : '错误'}后重新报送`;
    case 'late':
      return `已报送，迟报${u.timeliness?.daysLate ?? 0}天，请今后按时报送`;
  }
}

/**
 * The 催报名单, in the order given (the roster's): units that have not submitted, sent an unusable file,
 * must correct errors, or were late (one row per unit; a late unit with errors is listed to correct).
 */
export function reminderItems(units: Iterable<RoundUnit>): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const u of units) {
    const status: ReminderStatus | null =
      u.status === 'missing'
        ? 'missing'
        : u.status === 'unusable'
          ? 'unusable'
          : u.status === 'errors'
            ? 'returned'
            : u.timeliness?.late
              ? 'late'
              : null;
    if (!status) continue;
    items.push({
      unit: u.name,
      status,
      contact: u.contact ?? null,
      phone: u.phone ?? null,
      what: whatToDo(u, status),
      returnCopy: status === 'returned' ? (u.returnCopy ?? null) : null,
    });
  }
  return items;
}
