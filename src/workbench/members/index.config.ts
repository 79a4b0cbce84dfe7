export default definePageConfig({ navigationBarTitleText: '会员服务' });
