/**
 * NutUI on demand: the stylesheet of each NutUI component the app uses, and nothing else (the whole
 * library's stylesheet was 225 KiB of the main package). Each entry is the component's own style
 * entry (`style/css`), which brings the styles of the parts it is built from (Tabs → TabPane).
 * tests/unit/nutui-styles.test.ts fails when a page imports a NutUI component missing here.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
