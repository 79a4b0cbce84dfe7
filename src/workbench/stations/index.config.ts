export default definePageConfig({ navigationBarTitleText: '职工驿站维护', enablePullDownRefresh: true });
