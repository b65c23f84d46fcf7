/**
 * A bounded uniform sample of a stream (Vitter's algorithm R): memory stays
 * `capacity` numbers however long the run, and every value seen had the same
 * chance to be kept. Seeded, so a run is reproducible.
 */
export class Reservoir {
  readonly values: number[] = [];
  seen = 0;

  constructor(
    readonly capacity: number,
    private readonly random: () => number,
  ) {}

  add(value: number): void {
    this.seen++;
    if (this.values.length < this.capacity) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.values[slot] = value;
  }
}
