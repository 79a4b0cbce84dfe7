import type { IPluginContext } from '@tarojs/service';

/**
 * Screen readers in WeChat (读屏) read `aria-label` on built-in components, but Taro's WeChat
 * templates do not pass it: this adds it to the templates of the components that carry our labels
 * (an icon-only control, a QR's text alternative; a Text is read by its text). In H5 it reaches
 * the DOM as is.
 * `onBuildInit` receives the platform once its templates are set up, before anything is written.
 */
const ARIA = { 'aria-label': "''" };

interface MiniPlatform {
  template?: { mergeComponents?: (ctx: IPluginContext, patch: Record<string, Record<string, string>>) => void };
}

export default (ctx: IPluginContext) => {
  ctx.registerMethod({
    name: 'onBuildInit',
    fn(platform: MiniPlatform) {
      platform.template?.mergeComponents?.(ctx, { View: ARIA, Image: ARIA, Button: ARIA });
    },
  });
};
