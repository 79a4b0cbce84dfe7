export default definePageConfig({ navigationBarTitleText: '组织与权限' });
