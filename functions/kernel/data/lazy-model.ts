import type { ModelType } from 'dynamoose/dist/General';
import type { Item } from 'dynamoose/dist/Item';
import type { Schema } from 'dynamoose/dist/Schema';
import { dynamoose } from './client';

/**
 * A dynamoose model built on its first use rather than when its module loads. Building a Schema and
 * a Model is ≈ 0.5 ms each at cold start, and a function's bundle holds every model its imports
 * reach (a capability's index.ts reaches them all) while it uses two or three: at module scope they
 * cost every cold start a few to tens of milliseconds for nothing (`npm run bench`).
 *
 * Declare models as
 *
 *   export const XModel = /* @__PURE__ *\/ lazyModel<XItem>('table', () => new dynamoose.Schema({...}));
 *
 * The annotation tells esbuild the call has no side effect, so a model nobody in the bundle uses is
 * left out of it altogether (its arguments — a string and a function — have none either).
 *
 * The value behaves as the model itself (`XModel.get`, `.query`, `.transaction.*`, `.table()`,
 * `new XModel(...)`): every property read is the real model's, built on the first one. Tables are
 * registered with dynamoose when their model is built, which only dynamoose.transaction cares about:
 * a transaction's model-built items have built their models by then.
 */
export function lazyModel<T extends Item>(name: string, schema: () => Schema): ModelType<T> {
  let model: ModelType<T> | undefined;
  const real = (): ModelType<T> => (model ??= dynamoose.model<T>(name, schema()));
  // A function target, so that `new XModel(...)` can be forwarded too.
  return new Proxy(function lazyModelTarget() {} as unknown as ModelType<T>, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    construct: (_target, args) => Reflect.construct(real() as unknown as new (...a: unknown[]) => object, args),
  });
}
