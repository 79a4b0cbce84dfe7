export default definePageConfig({ navigationBarTitleText: '帮扶审核' });
