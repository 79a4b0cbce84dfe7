import { defineErrors, errorsFrom, KERNEL_ERRORS } from '../../kernel/contracts/errors';
import { contract } from '../../kernel/contracts/contract';

/** The station finder's own refusals (职工驿站). */
export const STATIONS_ERRORS = /* @__PURE__ */ contract(() =>
  defineErrors({
    STATION_NOT_FOUND: { status: 404, message: '该服务站点不存在或已删除' },
    STATION_CITY_OUTSIDE_ORG: { status: 403, message: '站点所在市县须在所属工会的范围内，请选择本市县或改选所属工会' },
    STATION_CHANGED: { status: 409, message: '该站点刚被其他工作人员修改，请刷新后重新编辑' },
  }),
);

declare module '../../kernel/contracts/errors' {
  interface ErrorCatalogues {
    stations: typeof STATIONS_ERRORS;
  }
}

/** The refusals a stations endpoint may declare: the kernel's shared ones and the stations' own. */
export const stationsErrors = /* @__PURE__ */ contract(() => errorsFrom(KERNEL_ERRORS, STATIONS_ERRORS));
