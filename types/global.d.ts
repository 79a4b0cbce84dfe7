/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5' | string;
    /** API base URL; '' in H5 (same origin), an absolute https URL in WeChat. */
    TARO_APP_API?: string;
  }
}
