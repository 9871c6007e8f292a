/** Where the engine reads the time: the system clock in production, a virtual one in tests and simulations. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class VirtualClock implements Clock {
  private current: number;
  constructor(start: Date) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date): void {
    this.current = instant.getTime();
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
