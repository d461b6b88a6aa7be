/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (Damerau 1964: insertion,
 * deletion, substitution and transposition of two adjacent characters, each substring edited once),
 * the variant Splink and most record-linkage tools use. Rows are reused, so memory is O(min length).
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  if (lb === 0) return la;
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let curr = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      curr[j] = v;
    }
    [prev2, prev, curr] = [prev, curr, prev2];
  }
  return prev[lb] ?? 0;
}

/** True when the two strings are at most one edit apart (fast path without the full table). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (diffs === 0) first = i;
        diffs++;
        if (diffs > 2) return false;
      }
    }
    if (diffs <= 1) return true;
    // Two differences count as one edit only when they are an adjacent transposition.
    return a.charCodeAt(first) === b.charCodeAt(first + 1) && a.charCodeAt(first + 1) === b.charCodeAt(first) && a.slice(first + 2) === b.slice(first + 2);
  }
  const [long, short] = la > lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  return long.slice(i + 1) === short.slice(i);
}
