/** Keys of the stations table (partition `id`; indexes byCell: `cell`, `id`; byCity: `city`, `name`). */
export const stationKeys = {
  station: (id: string) => ({ id }),
};
