export default definePageConfig({ navigationBarTitleText: '工会办事', enablePullDownRefresh: true });
