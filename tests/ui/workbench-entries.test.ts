import { describe, expect, it } from 'vitest';
import { entriesFor } from '../../src/components/me-entries';

const WORKBENCH = ['me-members', 'me-orgs', 'me-roster-import', 'me-stats', 'me-audit'];

describe('我的 › the workbench entries', () => {
  it('officials and admins get the workbench pages; members and clerks do not', () => {
    const official = entriesFor([{ type: 'official', orgId: 'org-haikou', orgName: '海口市总工会' }], false).map((e) => e.id);
    expect(official).toEqual(expect.arrayContaining(WORKBENCH));
    expect(entriesFor([{ type: 'admin' }], false).map((e) => e.id)).toEqual(expect.arrayContaining(WORKBENCH));
    const member = entriesFor([{ type: 'member' }], true).map((e) => e.id);
    const clerk = entriesFor([{ type: 'clerk', merchantId: 'm', merchantName: '椰风影城' }], false).map((e) => e.id);
    for (const id of WORKBENCH) {
      expect(member).not.toContain(id);
      expect(clerk).not.toContain(id);
    }
  });

  it('every workbench entry opens a page of the workbench subpackage', async () => {
    // Taro's build provides defineAppConfig; here the config is a plain object.
    (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig ??= (c) => c;
    const { default: appConfig } = await import('../../src/app.config');
    const config = appConfig as unknown as { subPackages: Array<{ root: string; pages: string[] }> };
    const workbench = config.subPackages.find((p) => p.root === 'workbench')!;
    const routes = workbench.pages.map((p) => `/workbench/${p}`);
    const urls = entriesFor([{ type: 'admin' }], false)
      .filter((e) => WORKBENCH.includes(e.id))
      .map((e) => e.url);
    expect(urls).toHaveLength(WORKBENCH.length);
    for (const url of urls) expect(routes).toContain(url);
  });
});
