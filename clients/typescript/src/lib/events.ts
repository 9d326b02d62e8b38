// What a running chat stream and a tool runner share: listeners by event name (`on`, `once`, `off`), one promise
// that settles when the run ends (`done()`), and `for await` over one of its events. The run starts on the next
// microtask, so that listeners added right after the call see every event.
import { CCAPIError } from "../errors.js";

// Listener signatures are checked where each event map is declared; here any function will do.
type Listener = (...args: any[]) => void;
type ListenerMap<Events> = { [E in keyof Events]: Listener };

/** A run that reports what happens by events and ends once: `done()` resolves or rejects with its error. */
export abstract class EventRun<Events extends ListenerMap<Events>> {
  readonly #listeners = new Map<keyof Events | "end" | "error", Set<Listener>>();
  readonly #ended: Promise<void>;
  #finished = false;
  /** Aborting it gives the run up (its request and stream too). */
  readonly controller = new AbortController();

  constructor() {
    this.#ended = Promise.resolve()
      .then(() => this.run())
      .then(
        () => {
          this.#finished = true;
          this.emit("end");
        },
        (error: unknown) => {
          this.#finished = true;
          const failure = error instanceof Error ? error : new CCAPIError(String(error));
          this.emit("error", failure);
          this.emit("end");
          throw failure;
        },
      );
    this.#ended.catch(() => undefined); // reported through done(), the iterator and `error` listeners
  }

  /** The run itself: emits as it goes, resolves when it ends. */
  protected abstract run(): Promise<void>;

  /** Call `listener` on each `event`. */
  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return this;
  }

  /** Stop calling `listener` on `event`. */
  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  /** Call `listener` on the next `event` only. */
  once<E extends keyof Events>(event: E, listener: Events[E]): this {
    const wrapped = ((...args: unknown[]) => {
      this.off(event, wrapped);
      listener(...args);
    }) as Events[E];
    return this.on(event, wrapped);
  }

  /** Resolves when the run has ended; rejects with its error. */
  done(): Promise<void> {
    return this.#ended;
  }

  /** Give the run up; `done()` then rejects with APIUserAbortError. */
  abort(): void {
    this.controller.abort();
  }

  protected get hasEnded(): boolean {
    return this.#finished;
  }

  protected listens(event: keyof Events): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  protected emit(event: keyof Events | "end" | "error", ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }

  /** The values of `event`, in order, as an async iterator that ends with the run (and throws its error). */
  protected iterate<T>(event: keyof Events): AsyncIterator<T> {
    const queue: T[] = [];
    const waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
    let failure: { error: unknown } | undefined;
    let ended = false;
    this.on(event, ((value: T) => {
      const next = waiting.shift();
      if (next) next.resolve({ value, done: false });
      else queue.push(value);
    }) as Events[keyof Events]);
    this.#ended.then(
      () => {
        ended = true;
        for (const next of waiting.splice(0)) next.resolve({ value: undefined, done: true });
      },
      (error: unknown) => {
        ended = true;
        failure = { error };
        for (const next of waiting.splice(0)) next.reject(error);
      },
    );
    return {
      next: () => {
        const value = queue.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        if (failure) return Promise.reject(failure.error);
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return: () => {
        if (!ended) this.abort(); // left early: stop the run and close its stream
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
