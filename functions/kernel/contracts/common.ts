import * as z from 'zod/mini';
import { contract } from './contract';

export const roleSchema = /* @__PURE__ */ contract(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('member') }),
    z.strictObject({ type: z.literal('official'), orgId: z.string(), orgName: z.string() }),
    z.strictObject({ type: z.literal('clerk'), merchantId: z.string(), merchantName: z.string() }),
    /** 帮扶 (困难帮扶): the hardship cases and files of the org's subtree. */
    z.strictObject({ type: z.literal('hardship'), orgId: z.string(), orgName: z.string() }),
    z.strictObject({ type: z.literal('admin') }),
  ]),
);
export type Role = z.infer<typeof roleSchema>;

export const orgRefSchema = /* @__PURE__ */ contract(() => z.strictObject({ id: z.string(), name: z.string() }));
export type OrgRef = z.infer<typeof orgRefSchema>;
