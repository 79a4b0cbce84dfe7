import { adminStationsUpdate } from '../../contracts/stations';
import { endpoint, pathId } from '../../../kernel/http';
import { productionDeps } from '../../services/deps';
import { updateStation } from '../../services/stations';

export const handler = endpoint(adminStationsUpdate, { deps: productionDeps }, ({ event, body, openid, deps }) =>
  updateStation(deps, openid, pathId(event, { notFound: '该服务站点不存在或已删除' }), body),
);
