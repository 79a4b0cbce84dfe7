import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

export interface DemoData {
  orgs: DemoOrg[];
  members: DemoMember[];
  accounts: DemoAccount[];
  merchants: DemoMerchant[];
}

export const DEMO_DATA_FILE = join(projectRoot, 'demo', 'demo-data.json');

export function loadDemoData(file = DEMO_DATA_FILE): DemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as DemoData;
}
