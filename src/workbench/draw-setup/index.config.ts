export default definePageConfig({ navigationBarTitleText: '设置答题抽签' });
