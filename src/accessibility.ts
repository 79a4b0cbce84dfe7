/**
 * The attributes WeChat's screen reader (读屏) reads that Taro's WeChat templates do not pass:
 * `aria-label` on View, Image and Button. The build adds them to the templates
 * (config/accessibility-plugin.ts) and the runtime to its attribute map (app.ts); both must merge
 * the same list in the same order, or a label lands in the wrong template slot.
 */
export const ARIA_ATTRIBUTES = {
  View: { 'aria-label': "''" },
  Image: { 'aria-label': "''" },
  Button: { 'aria-label': "''" },
};
