import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoApplication, DemoCampaign } from '../../functions/applications/services/demo';
import type { CreateBenefitRequest } from '../../functions/benefits/contracts/benefits';
import type { OrgKind, StoredRole } from '../../functions/membership/domain/types';
import { projectRoot } from './paths';

/**
 * The shape of demo/demo-data.json: the org tree, a real-name roster, demo log-ins and merchants
 * that `npm start` and the api/e2e test tiers seed. The JSON file is the source; nothing generates it.
 */

export interface DemoOrg {
  id: string;
  name: string;
  /** null for the province federation only. */
  parentId: string | null;
  kind: OrgKind;
  /** Card-number code of city/county federations and industry unions; grassroots unions inherit it. */
  regionCode: string | null;
  /** The work unit a grassroots union sits in. */
  workUnit?: string;
}

export interface DemoMember {
  /** Stable roster id: a ULID, like every roster id (never sequential). */
  id: string;
  name: string;
  /** 18-character GB 11643 resident ID number (plain text here; the seed encrypts it). */
  idNumber: string;
  phone: string;
  /** A grassroots union. */
  orgId: string;
}

/** Roles as the accounts table stores them. */
export type DemoRole = StoredRole;

export interface DemoAccount {
  /** Log-in name for the development WeChat adapter, always "dev-…". */
  openid: string;
  /** What the account is, in Chinese, for the start banner and the README. */
  label: string;
  roles: DemoRole[];
  /** A roster member this account is already bound to. */
  memberId?: string;
}

export interface DemoMerchant {
  id: string;
  name: string;
  /** Absent = active; a suspended merchant's clerks can verify and redeem nothing. */
  status?: 'active' | 'suspended';
  /** The federations that signed with it (province or city/county): benefits of their subtrees may name it. */
  agreements?: Array<{ orgId: string; since: string }>;
  /** Address, phone and GCJ-02 coordinates, shown to members with a map link. */
  contact?: { address: string; phone: string; latitude: number; longitude: number };
}

/**
 * A 普惠 benefit: the fields of POST /api/admin/benefits, with its windows in days relative to the
 * moment of seeding (so the demo stays current) and the status the seed leaves it in.
 */
export interface DemoBenefit extends Omit<CreateBenefitRequest, 'claimStartsAt' | 'claimEndsAt' | 'useEndsAt'> {
  /** Stable id, so a second seed finds it. */
  id: string;
  status: 'draft' | 'published' | 'ended';
  window: { claimStartsInDays: number; claimDays: number; useDaysAfterClaimEnds: number };
}

export interface DemoData {
  orgs: DemoOrg[];
  members: DemoMember[];
  accounts: DemoAccount[];
  merchants: DemoMerchant[];
  benefits: DemoBenefit[];
  /** Applications filed at seeding (工会业务一网通办), e.g. a transfer waiting for review. */
  applications?: DemoApplication[];
  /** 补贴 campaigns (windows counted from the moment of seeding), e.g. the home-travel ticket subsidy. */
  campaigns?: DemoCampaign[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The create request of a demo benefit, its windows counted from `now` (whole minutes, +08:00). */
export function demoBenefitRequest(benefit: DemoBenefit, now: Date): CreateBenefitRequest {
  const { id: _id, status: _status, window, ...fields } = benefit;
  const start = Math.floor((now.getTime() + window.claimStartsInDays * DAY_MS) / 60_000) * 60_000;
  const end = start + window.claimDays * DAY_MS;
  const at = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return { ...fields, claimStartsAt: at(start), claimEndsAt: at(end), useEndsAt: at(end + window.useDaysAfterClaimEnds * DAY_MS) };
}

export const DEMO_DATA_FILE = join(projectRoot, 'demo', 'demo-data.json');

export function loadDemoData(file = DEMO_DATA_FILE): DemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as DemoData;
}
