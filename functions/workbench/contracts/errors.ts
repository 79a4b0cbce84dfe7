import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The workbench's own refusals: the roster import (实名制录入). */
export const WORKBENCH_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    IMPORT_FILE_MISSING: { status: 409, message: '还没有收到上传的名册文件，请先上传文件再开始导入' },
    IMPORT_FILE_TOO_LARGE: { status: 413, message: '名册文件超过 20MB，请拆分成几个文件分别导入' },
    IMPORT_NOT_FINISHED: { status: 409, message: '导入尚未完成，请等导入完成后再查看报告或确认变更' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    workbench: typeof WORKBENCH_ERRORS;
  }
}

/** The refusals a workbench endpoint may declare: the kernel's shared ones and the workbench's own. */
export const workbenchErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, WORKBENCH_ERRORS));
