export default definePageConfig({ navigationBarTitleText: '差评回访', enablePullDownRefresh: true });
