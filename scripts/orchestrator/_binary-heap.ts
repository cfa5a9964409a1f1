// A binary min-heap over a comparison function. Private to the ready queue.

/** A min-heap: `pop` returns the smallest item by `compare`. */
export class BinaryHeap<T> {
  readonly #items: T[] = [];
  readonly #compare: (a: T, b: T) => number;

  /** @param compare Negative when `a` comes first. */
  constructor(compare: (a: T, b: T) => number) {
    this.#compare = compare;
  }

  /** How many items it holds. */
  get size(): number {
    return this.#items.length;
  }

  /** Adds an item in O(log n). */
  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  /** Removes and returns the smallest item in O(log n), or undefined when empty. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && this.#compare(items[left] as T, items[least] as T) < 0) least = left;
      if (right < items.length && this.#compare(items[right] as T, items[least] as T) < 0) least = right;
      if (least === i) return top;
      [items[i], items[least]] = [items[least] as T, items[i] as T];
      i = least;
    }
  }
}
