import type { StoredRole } from '../domain/types';

/** Roles are stored compactly as strings: `official:<orgId>`, `clerk:<merchantId>`, `admin`. */
export const roleCodec = {
  encode(role: StoredRole): string {
    if (role.type === 'official') return `official:${role.orgId}`;
    if (role.type === 'clerk') return `clerk:${role.merchantId}`;
    if (role.type === 'hardship') return `hardship:${role.orgId}`;
    return 'admin';
  },
  decode(text: string): StoredRole | null {
    if (text === 'admin') return { type: 'admin' };
    const [type, id] = text.split(':', 2);
    if (!id) return null;
    if (type === 'official') return { type: 'official', orgId: id };
    if (type === 'clerk') return { type: 'clerk', merchantId: id };
    if (type === 'hardship') return { type: 'hardship', orgId: id };
    return null;
  },
};
