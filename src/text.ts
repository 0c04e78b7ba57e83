/** Small wording helpers shared by every summary, so counts and sentences read as English. */

/** "1 video", "2 videos"; `many` for irregular plurals ("statuses", "glossaries"). */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

/** The text with exactly one closing full stop: HeyGen's messages sometimes end with one already. */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
