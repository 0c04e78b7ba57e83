/**
 * "Did you mean": the known names nearest to what a model typed. Names are compared without case,
 * underscores, hyphens or spaces first, so `videoId`, `VIDEO-ID` and `video_id` are the same name.
 */

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, "");

/** Levenshtein distance with an early exit once every cell of a row exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * Up to `limit` candidates nearest to `given`, best first: an exact match after squashing, then names
 * that contain it or are contained in it, then edits within about a third of its length.
 */
export function closest(given: string, candidates: readonly string[], limit = 3): string[] {
  const g = squash(given);
  if (g.length === 0) return [];
  const max = Math.max(2, Math.floor(g.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const c = squash(name);
    let score: number;
    if (c === g) score = 0;
    else if (g.length >= 3 && (c.includes(g) || g.includes(c))) score = 1 + Math.abs(c.length - g.length) / 100;
    else {
      const d = distance(g, c, max);
      if (d > max) continue;
      score = 1 + d;
    }
    scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
