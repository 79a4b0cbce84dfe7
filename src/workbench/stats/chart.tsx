import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, createElement } from '@antv/f2';
import type { Bar } from './model';

/** What a Canvas2D chart is drawn into: the context and its size in CSS pixels. */
interface Surface {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  pixelRatio: number;
  /** WeChat's canvas node brings its own frames and images (the mini-program has no window). */
  node?: { requestAnimationFrame(cb: () => void): number; cancelAnimationFrame(id: number): void; createImage(): unknown };
}

function pixelRatioOf(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 1;
  } catch {
    return 1;
  }
}

/** H5: Taro's Canvas is (or wraps) an HTML canvas with this id. */
function h5Surface(id: string): Surface | null {
  if (typeof document === 'undefined') return null;
  const host = document.getElementById(id);
  const canvas = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas');
  if (!canvas) return null;
  const { width, height } = canvas.getBoundingClientRect();
  const context = canvas.getContext('2d');
  if (!context || width === 0 || height === 0) return null;
  const pixelRatio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  return { context, width, height, pixelRatio };
}

/** WeChat: the canvas node from a selector query (absent where there is no canvas, e.g. a simulator). */
function weappSurface(id: string): Promise<Surface | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: Record<string, unknown>; width?: number; height?: number } | null>) => {
          const found = res?.[0];
          const node = found?.node as (Surface['node'] & { width: number; height: number; getContext?: (type: '2d') => CanvasRenderingContext2D }) | undefined;
          const width = found?.width ?? 0;
          const height = found?.height ?? 0;
          if (!node?.getContext || width === 0 || height === 0) return resolve(null);
          const pixelRatio = pixelRatioOf();
          node.width = Math.round(width * pixelRatio);
          node.height = Math.round(height * pixelRatio);
          resolve({ context: node.getContext('2d'), width, height, pixelRatio, node });
        });
    } catch {
      resolve(null);
    }
  });
}

/** F2's own createElement (not React's); its generic component typings are loosened here. */
const f2 = createElement as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ReturnType<typeof createElement>;

function chartOf(bars: Bar[]) {
  const data = bars.map((b) => ({ label: b.label, value: b.value }));
  return f2(
    Chart,
    { data, scale: { value: { min: 0, nice: true } } },
    f2(Axis, { field: 'label', style: { label: { fontSize: 10 } } }),
    f2(Axis, { field: 'value', style: { label: { fontSize: 10 } } }),
    f2(Interval, { x: 'label', y: 'value', color: '#c8161d' }),
  );
}

/**
 * A bar chart of `bars` drawn by F2 on a Canvas2D canvas (WeChat's `type='2d'` canvas, an HTML
 * canvas in H5). Decorative: the page shows the same figures as text; where no canvas can be had
 * (or drawing fails) nothing is drawn and nothing breaks.
 */
export function BarChart({ id, bars }: { id: string; bars: Bar[] }) {
  const chart = useRef<Canvas | null>(null);

  useEffect(() => {
    let gone = false;
    const draw = async (attempt: number): Promise<void> => {
      const surface = process.env.TARO_ENV === 'h5' ? h5Surface(id) : await weappSurface(id);
      if (gone) return;
      // The canvas may not be laid out yet (H5's canvas element is defined lazily): a few more tries.
      if (!surface) return void (attempt < 10 && setTimeout(() => void draw(attempt + 1).catch(() => undefined), 100));
      chart.current?.destroy();
      const { context, width, height, pixelRatio, node } = surface;
      const canvas = new Canvas({
        context,
        width,
        height,
        pixelRatio,
        animate: false,
        ...(node
          ? {
              requestAnimationFrame: node.requestAnimationFrame.bind(node),
              cancelAnimationFrame: node.cancelAnimationFrame.bind(node),
              createImage: node.createImage.bind(node),
            }
          : {}),
        children: chartOf(bars),
      } as ConstructorParameters<typeof Canvas>[0]);
      chart.current = canvas;
      await canvas.render();
    };
    Taro.nextTick(() => void draw(0).catch(() => undefined));
    return () => {
      gone = true;
    };
  }, [id, bars]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return <TaroCanvas type='2d' id={id} className='stats-canvas' />;
}
