export default definePageConfig({ navigationBarTitleText: '海南工会云' });
