export default definePageConfig({ navigationBarTitleText: '会员关系转接' });
