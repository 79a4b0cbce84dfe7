import { act } from 'react';
import { expect } from 'vitest';
import { flush } from './render';

/** A tap on a rendered element, then React and pending promises settled. */
export async function click(el: Element | null): Promise<void> {
  expect(el).not.toBeNull();
  await act(async () => (el as HTMLElement).click());
  await flush();
}

/** Typing into a Taro input or textarea as its H5 component reports it: an `input` event with the value in `detail`. */
export async function type(el: Element | null, value: string): Promise<void> {
  expect(el).not.toBeNull();
  await act(async () => void (el as HTMLElement).dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value } })));
  await flush();
}
