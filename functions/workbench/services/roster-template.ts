import type { ImportFormat } from '../contracts/roster-import';
import { TEMPLATE_EXAMPLE, TEMPLATE_HEADER } from '../domain/roster-template';
import { ROSTER_TEMPLATE_XLSX } from './roster-template-xlsx';

/**
 * The template's bytes. The XLSX is generated ahead of time (`npm run roster:template` writes
 * roster-template-xlsx.ts with exceljs): a spreadsheet writer in this function would take its bundle
 * from ≈ 210 KB to ≈ 690 KB (budget 250 KB) for a file written once per TEMPLATE_VERSION.
 */
export async function rosterTemplate(format: ImportFormat): Promise<{ body: Uint8Array | string; contentType: string }> {
  if (format === 'csv') {
    const { default: Papa } = await import('papaparse');
    // With a BOM: Excel opens UTF-8 CSV correctly only with one.
    return { body: `\uFEFF${Papa.unparse({ fields: TEMPLATE_HEADER, data: [TEMPLATE_EXAMPLE] })}\r\n`, contentType: 'text/csv; charset=utf-8' };
  }
  return {
    body: new Uint8Array(Buffer.from(ROSTER_TEMPLATE_XLSX, 'base64')),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
