// Which of two files of the same unit and period counts (pure: shared by the importer and the store).

/** The rule for "the same unit submitting twice": the later 填报日期 wins, then the later file time,
 *  then the later name (deterministic). True when `a` wins over `b`. */
export function isLaterSubmission(
  a: { fillDate: string | null; mtimeMs: number; name: string },
  b: { fillDate: string | null; mtimeMs: number; name: string },
): boolean {
  const da = a.fillDate ?? '';
  const db = b.fillDate ?? '';
  if (da !== db) return da > db;
  if (a.mtimeMs !== b.mtimeMs) return a.mtimeMs > b.mtimeMs;
  return a.name > b.name;
}
