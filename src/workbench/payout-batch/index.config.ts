export default definePageConfig({ navigationBarTitleText: '发放批次', enablePullDownRefresh: true });
