export default definePageConfig({ navigationBarTitleText: '抽签公示' });
