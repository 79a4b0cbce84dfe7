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

/** Runs a WeChat API call, whatever it does wrong (missing in an old base library, throwing, rejecting). */
function quietly<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return run().catch(() => undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}

export function raiseBrightness(): BrightnessLease {
  if (!IS_WEAPP) return { release: () => undefined };
  let saved: number | null = null;
  let released = false;
  const raised = quietly(() => Taro.getScreenBrightness()).then(async (read) => {
    if (read) saved = read.value;
    if (!released) await quietly(() => Taro.setScreenBrightness({ value: 1 }));
  });
  void quietly(() => Taro.setKeepScreenOn({ keepScreenOn: true }));
  return {
    release() {
      if (released) return;
      released = true;
      void raised.then(() => {
        if (saved !== null) void quietly(() => Taro.setScreenBrightness({ value: saved as number }));
        void quietly(() => Taro.setKeepScreenOn({ keepScreenOn: false }));
      });
    },
  };
}
