export default definePageConfig({ navigationBarTitleText: '会员普惠', enablePullDownRefresh: true });
