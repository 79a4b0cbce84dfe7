export default definePageConfig({ navigationBarTitleText: '审核办理', enablePullDownRefresh: true });
