import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/** NutUI is drawn for a 375 px wide design, our own styles for 750. */
function designWidth(input?: unknown): number {
  const file =
    typeof input === 'object' && input !== null && typeof (input as { file?: unknown }).file === 'string'
      ? (input as { file: string }).file.replace(/\\+/g, '/')
      : '';
  return file.includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV ?? 'weapp';
  // H5 is served same-origin: the static server proxies /api to the API. The weapp build calls an
  // absolute https URL from TARO_APP_API (.env.production, overridable from the shell).
  // The subscription-message template ids (src/services/subscribe.ts), from the shell at build
  // time, on every platform (empty: not asked for; H5 asks for none).
  const templates = Object.fromEntries(
    ['PROGRESS', 'TODO', 'OVERDUE', 'CLAIM'].map((name) => [`process.env.TARO_APP_TEMPLATE_${name}`, JSON.stringify(process.env[`TARO_APP_TEMPLATE_${name}`] ?? '')]),
  );
  // The demo log-ins listed on the H5 log-in page: only in an H5 build for the local stack
  // (TARO_APP_STAGE=local, which npm run build:h5 sets); every other build carries an empty list.
  const demoAccounts =
    taroEnv === 'h5' && process.env.TARO_APP_STAGE === 'local'
      ? (JSON.parse(readFileSync(path.join(root, 'demo', 'demo-data.json'), 'utf8')) as { accounts: Array<{ openid: string; label: string }> }).accounts.map((a) => ({
          name: a.openid.replace(/^dev-/, ''),
          label: a.label,
        }))
      : [];
  const demo = { 'process.env.TARO_APP_DEMO_ACCOUNTS': JSON.stringify(JSON.stringify(demoAccounts)) };
  const defineConstants: Record<string, string> =
    taroEnv === 'h5' ? { ...templates, ...demo, 'process.env.TARO_APP_API': JSON.stringify(process.env.TARO_APP_H5_API ?? '') } : { ...templates, ...demo };
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hainan-union-puhui',
    date: '2025-01-01',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // Each platform gets its own folder so the H5 and the weapp builds can coexist.
    outputRoot: `dist/${taroEnv}`,
    plugins: ['@tarojs/plugin-html', path.join(__dirname, 'accessibility-plugin.ts')],
    defineConstants,
    alias: {},
    // WeChat's sitemap (app.json › sitemapLocation): the weapp build only.
    copy: { patterns: taroEnv === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true },
    mini: {
      // WeChat cannot recurse templates: Taro writes one set of templates per tree depth into
      // base.wxml (16 by default, 61 KiB of the main package) and continues deeper trees in its
      // `comp` component. 10 levels hold our pages' usual depth and spare 15 KiB. (Taro reads
      // mini.baseLevel; its config type does not declare it, hence the spread.)
      ...{ baseLevel: 10 },
      // The shared contracts and domain rules live outside src/: compile them like our own code.
      // zod ships ES2020+ syntax (`??=`, optional catch binding) that older WeChat clients reject
      // unless the project asks WeChat to transpile: run it through Babel like our own code.
      compile: { include: [path.join(root, 'functions'), path.join(root, 'node_modules', 'zod')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // WeChat forbids shipping source maps in the package.
      enableSourceMap: false,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [path.join(root, 'functions')] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      esnextModules: ['@nutui'],
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
