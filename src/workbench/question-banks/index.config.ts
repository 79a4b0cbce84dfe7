export default definePageConfig({ navigationBarTitleText: '答题题库', enablePullDownRefresh: true });
