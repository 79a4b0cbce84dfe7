import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseForm, HardshipCause, AidKind, HardshipCategory } from '../../functions/hardship/contracts/hardship';
import { projectRoot } from './paths';
import type { DemoData } from './demo-data';

/**
 * The demo's 困难帮扶 (demo/demo-hardship.json): the 2026 低保 standards of the 19 cities and
 * counties (demo figures), and three households of 海口椰城公共交通有限公司工会 filed through the
 * use cases and decided by the demo 帮扶 officials (dev-aid-bus, dev-aid-bus2 at the union,
 * dev-aid-haikou, dev-aid-haikou2 at 海口市总工会): two filed into their household files, one left
 * in 公示. The decided ones are filed on a clock 30 days back so their 公示 has run. Idempotent: a
 * standard or a household's account that exists is left as it is.
 */
interface DemoHousehold {
  memberIndex: number;
  account: string;
  mainCause: HardshipCause;
  secondaryCauses: HardshipCause[];
  aid: AidKind[];
  category: HardshipCategory;
  stage: 'filed' | 'publicity';
  spouse: string;
  child: string;
}
interface DemoHardship {
  standards: { year: number; source: string; monthlyFen: Record<string, number> };
  officials: { grassroots: [string, string]; city: [string, string] };
  households: DemoHousehold[];
}

export const DEMO_HARDSHIP_FILE = join(projectRoot, 'demo', 'demo-hardship.json');
export const loadDemoHardship = (): DemoHardship => JSON.parse(readFileSync(DEMO_HARDSHIP_FILE, 'utf8')) as DemoHardship;

/** A valid 18-digit ID number (GB 11643 check character) for a demo household member. */
function demoId(area: string, birth: string, seq: number, female: boolean): string {
  const body17 = `${area}${birth}${String(seq * 2 + (female ? 0 : 1)).padStart(3, '0').slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body17.split('').reduce((n, d, i) => n + Number(d) * (weights[i] as number), 0);
  return body17 + '10X98765432'[sum % 11];
}

export async function seedDemoHardship(data: DemoData, now: Date): Promise<number> {
  const demo = loadDemoHardship();
  const { productionDeps } = await import('../../functions/hardship/services/deps');
  const { submitCase, decide, visit } = await import('../../functions/hardship/services/cases');
  const { proofKeys } = await import('../../functions/applications');
  const { accountStore, rosterStore } = await import('../../functions/membership');
  const deps = await productionDeps();
  let created = 0;
  for (const [regionCode, monthlyFen] of Object.entries(demo.standards.monthlyFen)) {
    if (await deps.hardship.standard(demo.standards.year, regionCode)) continue;
    await deps.hardship.putStandard({ regionCode, year: demo.standards.year, monthlyFen, source: demo.standards.source, updatedAt: now.toISOString(), updatedBy: 'seed' }, null);
    created += 1;
  }
  const members = data.members.filter((m) => m.orgId === 'org-g-hk-bus');
  const [g1, g2] = demo.officials.grassroots;
  const [c1, c2] = demo.officials.city;
  let n = 0;
  for (const h of demo.households) {
    n += 1;
    const member = members[h.memberIndex];
    if (!member || (await accountStore.get(h.account))) continue;
    const stored = await rosterStore.get(member.id);
    if (!stored || stored.openid !== null) continue;
    await accountStore.createIfAbsent({ openid: h.account, roles: [] }, now);
    await rosterStore.bind({ openid: h.account, member: stored, now });
    // Decided ones 30 days back (their 公示 has run); the one in 公示 3 days back (its 公示 began yesterday or the day before).
    const back = new Date(now.getTime() - (h.stage === 'filed' ? 30 : 3) * 86_400_000);
    const at = (days: number) => ({ ...deps, now: () => new Date(back.getTime() + days * 3_600_000) });
    const key = (openid: string, i: number) => proofKeys.proof(openid, `01KDEM0${String(n).padStart(2, '0')}${String(i).padStart(17, '0')}`.slice(0, 26), 'jpg');
    const form: CaseForm = {
      members: [
        { name: member.name, relation: 'self', idNumber: member.idNumber, health: h.mainCause === '6' ? 'serious' : 'healthy', monthlyIncomeFen: 180_000, schoolOrEmployer: '海口椰城公共交通有限公司' },
        { name: h.spouse, relation: 'spouse', idNumber: demoId('460106', '19850312', n * 7, true), health: h.mainCause === '8' ? 'disabled' : 'healthy', monthlyIncomeFen: 0, schoolOrEmployer: '' },
        { name: h.child, relation: 'child', idNumber: demoId('460106', '20120905', n * 11, false), health: 'healthy', monthlyIncomeFen: 0, schoolOrEmployer: '海口市第九中学' },
      ],
      housing: { type: 'rented', areaM2: 42, address: '海口市美兰区海府路 88 号' },
      mainCause: h.mainCause,
      secondaryCauses: h.secondaryCauses,
      aid: h.aid,
      rigidExpensesFen: 1_800_000,
      otherIncomeFen: 0,
      regionCode: '01',
      migrantWorker: false,
      payee: { bankName: '中国工商银行海口分行', accountNumber: '6222021234567890128' },
      proofs: [],
      statement: '家庭收入较低，因病因学支出大，申请帮扶。',
    };
    const { requiredProofs } = await import('../../functions/hardship/contracts/hardship');
    form.proofs = requiredProofs(form).map((kind, i) => ({ kind, key: key(h.account, i + 1) }));
    const filed = await submitCase(at(0), h.account, { form, financeCheckConsent: { agreed: true, version: '2026-01' } });
    const id = filed.case.id;
    await decide(at(2), g1, id, { step: 'review', decision: 'approve', comment: '材料齐全' });
    await visit(at(4), g2, id, { date: filed.case.createdAt.slice(0, 10), met: `本人及配偶${h.spouse}`, notes: '已入户核实住房和收入情况', signedApplicationKeys: [key(g2, 90 + n)], authorisationKeys: [key(g2, 95 + n)] });
    await decide(at(5), g2, id, { step: 'visit', decision: 'approve', comment: '入户核查属实' });
    await decide(at(8), c1, id, { step: 'center', decision: 'approve', comment: '经民政核对，符合条件', category: h.category });
    if (h.stage === 'filed') await decide({ ...deps, now: () => new Date(back.getTime() + 12 * 86_400_000) }, c2, id, { step: 'approval', decision: 'approve', comment: '公示无异议，同意建档' });
    created += 1;
  }
  return created;
}
