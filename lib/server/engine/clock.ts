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

/** Runs `speed` times faster than real time, showing `start` at the real instant `realStart`. */
export function scaledClock({ start, speed, realStart }: { start: Date; speed: number; realStart: number }): Clock {
  return { now: () => new Date(start.getTime() + (Date.now() - realStart) * speed) };
}
