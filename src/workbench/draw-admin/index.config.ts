export default definePageConfig({ navigationBarTitleText: '抽签开奖', enablePullDownRefresh: true });
