import { rosterImportKeys } from '../data/keys';
import { TEMPLATE_VERSION, type FileLink, type ImportFormat } from '../contracts/roster-import';
import { importerOf } from './import-access';
import { rosterTemplate } from './roster-template';
import type { ImportDeps } from './ports';

/**
 * GET /api/admin/roster-imports/template?format= → a download link of the template, written once per
 * TEMPLATE_VERSION and format (roster-template.ts: the spreadsheet writers, hence a module of its own).
 */
export async function templateLink(deps: ImportDeps, openid: string, format: ImportFormat): Promise<FileLink> {
  await importerOf(deps, openid);
  const key = rosterImportKeys.template(TEMPLATE_VERSION, format);
  if (!(await deps.files.head(key))) {
    const template = await rosterTemplate(format);
    await deps.files.put(key, template.body, template.contentType);
  }
  const fileName = `会员名册导入模板.${format}`;
  const link = await deps.files.presignDownload(key, fileName);
  return { url: link.url, fileName, expiresAt: link.expiresAt.toISOString() };
}
