export default definePageConfig({ navigationBarTitleText: '补贴活动', enablePullDownRefresh: true });
