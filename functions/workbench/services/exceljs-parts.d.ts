/**
 * The two parts of exceljs the roster import uses, each required on its own: the package's main
 * module requires the streaming reader, the workbook writer, CSV and both zip libraries at once
 * (≈ 1.2 MB of a bundle, ≈ 80 ms of a cold start), so the worker (roster-file.ts) bundles only the
 * reader and the template (roster-template.ts) only the workbook. Typed as the package types them.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader' {
  import type { stream } from 'exceljs';

  const WorkbookReader: typeof stream.xlsx.WorkbookReader;
  export = WorkbookReader;
}

declare module 'exceljs/lib/doc/workbook' {
  import type { Workbook as WorkbookType } from 'exceljs';

  const Workbook: typeof WorkbookType;
  export = Workbook;
}
