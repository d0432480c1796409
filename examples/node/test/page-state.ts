// What the playground shows, card by card, read from its DOM: the title, the verdict, and each
// exchange on the wire with its status. scripts/screenshot.ts records it beside the picture
// (playground.json), and test/playground.test.ts compares it with the live page, so the
// picture the README shows cannot tell another story than the page.
import type { Page } from 'playwright-core';

export interface CardState {
  readonly name: string;
  readonly title: string;
  readonly expected: string | undefined;
  readonly observed: string | undefined;
  /** Each exchange as shown: `preflight OPTIONS /api/hello 204`. */
  readonly exchanges: readonly string[];
}

export interface Snapshot {
  /** The SHA-256 of playground.png, hex: the picture this state is the state of. */
  readonly png: string;
  readonly cards: readonly CardState[];
}

export const SNAPSHOT_FILE = 'playground.json';
export const PICTURE_FILE = 'playground.png';

export function pageState(page: Page): Promise<CardState[]> {
  // No helper functions inside: this runs in the page, where tsx's function-name shims
  // (scripts/screenshot.ts runs under tsx) do not exist.
  return page.$$eval('[data-case]', (elements) =>
    elements.map((element) => {
      const card = element as HTMLElement;
      return {
        name: card.dataset.case!,
        title: card.querySelector('h3')?.textContent?.trim() ?? '',
        expected: card.dataset.expected,
        observed: card.dataset.observed,
        exchanges: [...card.querySelectorAll('.exchange')].map((exchange) =>
          ['.kind', '.line code', '.status'].map((part) => exchange.querySelector(part)?.textContent?.trim() ?? '').join(' '),
        ),
      };
    }),
  );
}
