export default definePageConfig({ navigationBarTitleText: '实名制录入' });
