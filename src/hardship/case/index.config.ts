export default definePageConfig({ navigationBarTitleText: '困难帮扶办理', enablePullDownRefresh: true });
