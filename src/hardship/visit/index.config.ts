export default definePageConfig({ navigationBarTitleText: '入户核查' });
