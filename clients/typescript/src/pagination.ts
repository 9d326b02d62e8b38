// Offset pagination: a page, and iteration over every item that fetches later pages only as needed. Iteration
// ends at the last page, and also at a page that makes no progress (one that starts before the offset asked for).
import { APIPromise, type WithResponse } from "./promise.js";

/** The fields of a page the iteration reads. */
export interface PageBody<I> {
  data: I[];
  offset: number;
  has_more: boolean;
  total?: number | null;
}

type FetchPage<P extends PageBody<I>, I> = (offset: number) => Promise<WithResponse<Page<P, I>>>;

/** One page: `data`, `hasMore`, the whole `body`; `for await` over it yields every item of every page from here. */
export class Page<P extends PageBody<I>, I> implements AsyncIterable<I> {
  /** The page as the server sent it (`total`, `limit`, ...). */
  readonly body: P;
  /** The HTTP response that carried it. */
  readonly response: Response;
  readonly requestId: string | null;
  readonly #requested: number;
  readonly #fetch: FetchPage<P, I>;

  constructor(body: P, response: Response, requested: number, fetchPage: FetchPage<P, I>) {
    this.body = body;
    this.response = response;
    this.requestId = response.headers.get("x-request-id");
    this.#requested = requested;
    this.#fetch = fetchPage;
  }

  get data(): I[] {
    return this.body.data;
  }

  get hasMore(): boolean {
    return this.body.has_more;
  }

  /** How many items there are in all (every page), as the server counts them; null if it did not say. */
  get total(): number | null {
    return typeof this.body.total === "number" ? this.body.total : null;
  }

  /** The offset of the next page, or null at the last one. */
  nextOffset(): number | null {
    const { offset, has_more: hasMore, data } = this.body;
    if (!hasMore || data.length === 0 || offset < this.#requested) return null;
    return offset + data.length;
  }

  hasNextPage(): boolean {
    return this.nextOffset() !== null;
  }

  /** The next page, or null after the last one. */
  async getNextPage(): Promise<Page<P, I> | null> {
    const offset = this.nextOffset();
    return offset === null ? null : (await this.#fetch(offset)).data;
  }

  /** This page and every later one. */
  async *iterPages(): AsyncGenerator<Page<P, I>, void, undefined> {
    let page: Page<P, I> | null = this;
    while (page !== null) {
      yield page;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<I, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/** What a page operation returns: await it for the first page, or `for await` over it for every item. */
export class PagePromise<P extends PageBody<I>, I> extends APIPromise<Page<P, I>> implements AsyncIterable<I> {
  async *[Symbol.asyncIterator](): AsyncGenerator<I, void, undefined> {
    yield* await this;
  }
}
