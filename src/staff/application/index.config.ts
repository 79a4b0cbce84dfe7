export default definePageConfig({ navigationBarTitleText: '申请审核' });
