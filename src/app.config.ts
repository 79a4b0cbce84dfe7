export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/benefits/index',
    'pages/services/index',
    'pages/me/index',
    'pages/login/index',
    'pages/binding/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '海南工会云',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/benefits/index', text: '普惠' },
      { pagePath: 'pages/services/index', text: '办事' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
