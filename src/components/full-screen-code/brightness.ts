import Taro from '@tarojs/taro';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The screen at full brightness while a code is shown at the counter, and the member's own level
 * back afterwards. Only in WeChat: a browser has no brightness API (Taro's H5 stubs refuse), so H5
 * does nothing. Failures are ignored: a dim screen still shows the code.
 */
export interface BrightnessLease {
  /** Restores the level read when the lease began (once; later calls do nothing). */
  release(): void;
}

export function raiseBrightness(): BrightnessLease {
  if (!IS_WEAPP) return { release: () => undefined };
  let saved: number | null = null;
  let released = false;
  const raised = Taro.getScreenBrightness()
    .then(({ value }) => {
      saved = value;
    })
    .catch(() => undefined)
    .then(() => (released ? undefined : Taro.setScreenBrightness({ value: 1 })))
    .catch(() => undefined);
  void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  return {
    release() {
      if (released) return;
      released = true;
      void raised.then(() => {
        if (saved !== null) void Taro.setScreenBrightness({ value: saved }).catch(() => undefined);
        void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
      });
    },
  };
}
