export default definePageConfig({ navigationBarTitleText: '权益管理', enablePullDownRefresh: true });
