// Whether a RegExp origin can make a backtracking matcher (every JavaScript engine's) take time
// that grows faster than the Origin's length. A backtracking matcher tries, for a failing
// input, every way the pattern can read each prefix of it; that is linear only when the number
// of ways stays bounded. The pattern is turned into its position automaton (Glushkov's: a
// state per character set of the pattern, an edge each time the pattern lets one position
// follow another, twice when it does so twice, as in `(a+)+`), every state taken as final
// since prefixes count, and the two classic criteria of unbounded ambiguity are checked
// (Weber and Seidl, "On the degree of ambiguity of finite automata", 1991):
// - exponential: some state has two distinct cycles reading the same word (`([a-z0-9]+)+`,
//   `(?:\w|\d)+`, `([a-z0-9]+-?)+`);
// - polynomial: two states p != q with cycles at each and a path from p to q, all three
//   reading the same word (`[a-z]+[a-z0-9]*\.`, `.*\..*`).
// Neither holding, the number of ways is bounded by a constant and matching is linear.

import { parseRegExp, UnsupportedRegExp, type RegExpNode } from './regexp-syntax.js';

/** Counted repetitions beyond this are analysed as unbounded: more paths, never fewer. */
const MAX_COUNTED = 8;
/** More character positions than this are refused unread; an origin RegExp has far fewer. */
const MAX_POSITIONS = 1000;

/** The position automaton: state 0 starts; `sets[p]` is what state p reads. */
interface Automaton {
  readonly sets: readonly bigint[];
  readonly edges: readonly (readonly number[])[];
}

interface Fragment {
  readonly nullable: boolean;
  readonly first: readonly number[];
  readonly last: readonly number[];
}

const EMPTY: Fragment = { nullable: true, first: [], last: [] };

function positionAutomaton(root: RegExpNode): Automaton {
  const sets: bigint[] = [0n];
  const edges: number[][] = [[]];
  const link = (from: readonly number[], to: readonly number[]) => {
    for (const p of from) for (const q of to) edges[p]!.push(q);
  };
  const concat = (a: Fragment, b: Fragment): Fragment => {
    link(a.last, b.first);
    return { nullable: a.nullable && b.nullable, first: a.nullable ? [...a.first, ...b.first] : a.first, last: b.nullable ? [...a.last, ...b.last] : b.last };
  };
  const optional = (f: Fragment): Fragment => ({ ...f, nullable: true });
  /** The body once or more: each of its last positions may be followed by each of its first. */
  const loop = (body: RegExpNode): Fragment => {
    const f = build(body);
    link(f.last, f.first);
    return f;
  };
  /** `body{min,max}`: `min` copies, then nested optional copies (`x(x(x)?)?`), or a loop. */
  const repeat = (body: RegExpNode, min: number, max: number): Fragment => {
    const required = Math.min(min, MAX_COUNTED);
    let result = EMPTY;
    if (max > MAX_COUNTED) {
      for (let k = 1; k < required; k++) result = concat(result, build(body));
      return concat(result, required === 0 ? optional(loop(body)) : loop(body));
    }
    for (let k = 0; k < required; k++) result = concat(result, build(body));
    const tail = (k: number): Fragment => (k === 0 ? EMPTY : optional(concat(build(body), tail(k - 1))));
    return concat(result, tail(max - required));
  };
  function build(node: RegExpNode): Fragment {
    switch (node.type) {
      case 'set': {
        if (sets.length > MAX_POSITIONS) throw new UnsupportedRegExp('more characters than can be checked');
        sets.push(node.set);
        edges.push([]);
        return { nullable: false, first: [sets.length - 1], last: [sets.length - 1] };
      }
      case 'empty':
        return EMPTY;
      case 'seq':
        return node.items.reduce((acc: Fragment, item) => concat(acc, build(item)), EMPTY);
      case 'alt': {
        const parts = node.items.map(build);
        return { nullable: parts.some((f) => f.nullable), first: parts.flatMap((f) => f.first), last: parts.flatMap((f) => f.last) };
      }
      case 'rep':
        return repeat(node.body, node.min, node.max);
    }
  }
  edges[0]!.push(...build(root).first);
  return { sets, edges };
}

/** Strongly connected components (Tarjan's, iterative): the component of each node. */
function components(count: number, next: (node: number) => readonly number[]): Int32Array {
  const component = new Int32Array(count).fill(-1);
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const stack: number[] = [];
  const onStack = new Uint8Array(count);
  let counter = 0;
  let found = 0;
  const enter = (v: number, work: [number, number][]) => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    work.push([v, 0]);
  };
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [];
    enter(root, work);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const v = top[0];
      const out = next(v);
      if (top[1] < out.length) {
        const w = out[top[1]++]!;
        if (order[w] === -1) enter(w, work);
        else if (onStack[w] === 1) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1]![0]] = Math.min(low[work[work.length - 1]![0]]!, low[v]!);
      if (low[v] !== order[v]) continue;
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component[w] = found;
      } while (w !== v);
      found++;
    }
  }
  return component;
}

/**
 * Exponential ambiguity: in the product of the automaton with itself, a cycle through a
 * diagonal state (p, p) that leaves the diagonal, or takes two distinct edges to one state.
 */
function hasExponentialAmbiguity({ sets, edges }: Automaton): boolean {
  const size = sets.length;
  // Whether two states read a common character, computed once per pair.
  const meets = sets.map((a) => sets.map((b) => (a & b) !== 0n));
  const index = new Map<number, number>([[0, 0]]);
  const pairs: number[] = [0];
  const next: number[][] = [[]];
  const splits: [number, number][] = [];
  for (let n = 0; n < pairs.length; n++) {
    const p = Math.floor(pairs[n]! / size);
    const q = pairs[n]! % size;
    edges[p]!.forEach((a, i) => {
      edges[q]!.forEach((b, j) => {
        if (!meets[a]![b]) return;
        const key = a * size + b;
        let target = index.get(key);
        if (target === undefined) {
          target = pairs.push(key) - 1;
          index.set(key, target);
          next.push([]);
        }
        next[n]!.push(target);
        if (p === q && a === b && i !== j) splits.push([n, target]);
      });
    });
  }
  const component = components(pairs.length, (n) => next[n]!);
  const diagonal = new Set<number>();
  const offDiagonal = new Set<number>();
  pairs.forEach((key, n) => (Math.floor(key / size) === key % size ? diagonal : offDiagonal).add(component[n]!));
  for (const c of diagonal) if (offDiagonal.has(c)) return true;
  return splits.some(([from, to]) => component[from] === component[to]);
}

/**
 * Polynomial ambiguity: states p != q in different cycles, and a word that leads p to p, p to q
 * and q to q, found by walking the product of three copies from (p, p, q) to (p, q, q).
 */
function hasPolynomialAmbiguity({ sets, edges }: Automaton): boolean {
  const size = sets.length;
  const component = components(size, (p) => edges[p]!);
  const members = new Int32Array(size);
  for (const c of component) members[c]!++;
  const loops = sets.map((_, p) => p).filter((p) => p > 0 && (members[component[p]!]! > 1 || edges[p]!.includes(p)));
  for (const p of loops) {
    for (const q of loops) {
      if (component[p] === component[q]) continue;
      const goal = (p * size + q) * size + q;
      const seen = new Set<number>([(p * size + p) * size + q]);
      const queue = [[p, p, q]];
      for (const [a, b, c] of queue) {
        for (const x of edges[a!]!) {
          if (component[x] !== component[p]) continue;
          for (const y of edges[b!]!) {
            if ((sets[x]! & sets[y]!) === 0n) continue;
            for (const z of edges[c!]!) {
              if (component[z] !== component[q] || (sets[x]! & sets[y]! & sets[z]!) === 0n) continue;
              const key = (x * size + y) * size + z;
              if (key === goal) return true;
              if (!seen.has(key)) {
                seen.add(key);
                queue.push([x, y, z]);
              }
            }
          }
        }
      }
    }
  }
  return false;
}

/**
 * How matching `re` can grow with the input beyond linear time: `'exponential'`,
 * `'polynomial'`, or undefined when it is linear. Throws UnsupportedRegExp for syntax the
 * analysis does not model.
 */
export function backtrackingGrowth(re: RegExp): 'exponential' | 'polynomial' | undefined {
  const automaton = positionAutomaton(parseRegExp(re.source, re.flags));
  if (hasExponentialAmbiguity(automaton)) return 'exponential';
  return hasPolynomialAmbiguity(automaton) ? 'polynomial' : undefined;
}
