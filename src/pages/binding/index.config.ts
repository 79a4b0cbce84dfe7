export default definePageConfig({ navigationBarTitleText: '会员实名绑定' });
