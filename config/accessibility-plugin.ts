import type { IPluginContext } from '@tarojs/service';
import { ARIA_ATTRIBUTES } from '../src/accessibility';

/**
 * Adds `aria-label` to Taro's WeChat templates (src/accessibility.ts says why). `onBuildInit`
 * receives the platform once its templates are set up, before anything is written; app.ts merges
 * the same attributes into the runtime, which maps each to its slot in the templates.
 */
interface MiniPlatform {
  template?: { mergeComponents?: (ctx: IPluginContext, patch: Record<string, Record<string, string>>) => void };
}

export default (ctx: IPluginContext) => {
  ctx.registerMethod({
    name: 'onBuildInit',
    fn(platform: MiniPlatform) {
      platform.template?.mergeComponents?.(ctx, ARIA_ATTRIBUTES);
    },
  });
};
