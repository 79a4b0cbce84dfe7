/**
 * A contract value built by calls — a zod schema, an endpoint declaration, a list of refusals —
 * declared as `export const x = /* @__PURE__ *\/ contract(() => …)`.
 *
 * A capability's contract module holds all its schemas and endpoints while a function uses one
 * endpoint. esbuild keeps every top-level call of a module it bundles (it cannot know that
 * `z.strictObject(…)` has no side effect), so each function carried, and built at its cold start,
 * every schema of every contract its code reaches. So annotated — a call without side effects whose
 * argument is a function — a value no code of the bundle uses is left out of it (`npm run bench`:
 * ≈ 10–30 KB and a few ms of init per function). The value is what `build` returns, built at once:
 * nothing else changes, for the functions or the mini-program.
 */
export function contract<T>(build: () => T): T {
  return build();
}
